// Autonomy ceiling from incident history: autonomy is lowered after AI-linked SEV1/SEV2 incidents
// and lifts by itself once the window passes with no new such incident.

import { DEFAULT_POLICY, type Policy } from "./policy";
import { addDays, formatDay, isWithinLastDays } from "./time";
import {
  compareAutonomy,
  isTierAtLeast,
  minAutonomy,
  type Autonomy,
  type IncidentToolRole,
  type PolicyIncidentLink,
  type Tier,
} from "./types";

const ROLE_WORDS: Record<IncidentToolRole, string> = {
  TRIGGERED: "triggered",
  CONTRIBUTED: "contributed to",
  INVOLVED: "was involved in",
};

export interface AutonomyCeiling {
  level: Autonomy;
  /** When the binding incident leaves the window and this cap lifts (if no other incident caps). */
  until: Date;
  reason: string;
  incidentKey: string;
}

/**
 * The cap incident history puts on a tool at a tier, at `now`. Counts incidents the tool TRIGGERED
 * or CONTRIBUTED to (per policy) that started at or before `now` and strictly less than the window
 * ago. The lowest cap binds; among incidents with that cap the latest-expiring one sets `until`.
 */
export function autonomyCeiling(
  toolSlug: string,
  tier: Tier,
  links: PolicyIncidentLink[],
  now: Date,
  policy: Policy = DEFAULT_POLICY,
): AutonomyCeiling | null {
  const { windowDays, fromTier, roles, caps } = policy.ceiling;
  if (!isTierAtLeast(tier, fromTier)) return null;

  let binding: { link: PolicyIncidentLink; level: Autonomy } | null = null;
  for (const link of links) {
    const level = caps[link.severity];
    if (link.toolSlug !== toolSlug || level === undefined || !roles.includes(link.role)) continue;
    // Incidents after `now` do not count yet: changes are judged at their deploy time.
    if (link.startedAt.getTime() > now.getTime() || !isWithinLastDays(link.startedAt, now, windowDays)) continue;
    const binds =
      !binding ||
      compareAutonomy(level, binding.level) < 0 ||
      (level === binding.level && link.startedAt.getTime() > binding.link.startedAt.getTime());
    if (binds) binding = { link, level };
  }
  if (!binding) return null;

  const { link, level } = binding;
  const until = addDays(link.startedAt, windowDays);
  return {
    level,
    until,
    incidentKey: link.incidentKey,
    reason: `capped at ${level} until ${formatDay(until)} because it ${ROLE_WORDS[link.role]} ${link.severity} incident ${link.incidentKey} on ${formatDay(link.startedAt)}`,
  };
}

/** Effective allowed autonomy = min(grant, ceiling); no valid grant allows nothing. */
export const effectiveAllowedAutonomy = (grantMax: Autonomy | null, ceiling: AutonomyCeiling | null): Autonomy =>
  grantMax === null ? "OFF" : ceiling ? minAutonomy(grantMax, ceiling.level) : grantMax;
