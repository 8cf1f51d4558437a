import type { GrantDto } from "@/lib/data/grants";

// What a grant's badge says: its effective status, or SUPERSEDED when a later approved grant governs.
export function displayStatus(grant: Pick<GrantDto, "effectiveStatus" | "supersededBy">): string {
  return grant.supersededBy ? "SUPERSEDED" : grant.effectiveStatus;
}
