// Who approved, for the deploy gate: e-mails as given, or a pull request's reviews in the shape of
// GitHub's API (GET /repos/{owner}/{repo}/pulls/{n}/reviews), whose logins the register's people carry
// (or the config maps, for someone the register does not know by their login). A reviewer counts by their latest review, as GitHub's own rule does.
import { z } from "zod";

export const githubReviewsSchema = z.array(
  z.object({
    user: z.object({ login: z.string().min(1).max(100) }).nullable(),
    state: z.string().max(40),
  }),
);

export const gateConfigSchema = z.strictObject({
  tools: z.record(z.string().min(1).max(200), z.string().min(1).max(64)).default({}).describe("product id (claude-code, copilot, …) → register slug"),
  logins: z.record(z.string().min(1).max(100), z.email().toLowerCase()).default({}).describe("GitHub login → the register user's e-mail, for a login the register's people do not carry"),
});

export type GateConfig = z.infer<typeof gateConfigSchema>;

/**
 * The approving reviewers: e-mails for the logins the config maps, and the logins it does not (the
 * register resolves those through its people's GitHub logins). Logins compare regardless of case, as on GitHub.
 */
export function approversFromReviews(reviews: z.infer<typeof githubReviewsSchema>, logins: Record<string, string>): { emails: string[]; unresolved: string[] } {
  const latest = new Map<string, string>();
  for (const review of reviews) {
    // COMMENTED and PENDING (unsubmitted) reviews leave an earlier decision standing, as on GitHub.
    if (review.user && review.state !== "COMMENTED" && review.state !== "PENDING") latest.set(review.user.login.toLowerCase(), review.state);
  }
  const mapped = new Map(Object.entries(logins).map(([login, email]) => [login.toLowerCase(), email]));
  const approved = [...latest].filter(([, state]) => state === "APPROVED").map(([login]) => login);
  return { emails: [...new Set(approved.flatMap((login) => mapped.get(login) ?? []))], unresolved: approved.filter((login) => !mapped.has(login)) };
}
