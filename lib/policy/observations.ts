// One tool × environment can be observed by several sources at once: a declaration (or an API sync)
// and each discovery connector of each scanned scope. The policy judges them as one observation, and
// where they disagree the riskier wins: a scan that sees less never hides what another source saw.
import { compareAutonomy, type PolicyObservation } from "./types";

/**
 * The observation `current` and `next` make together: the highest autonomy, every capability either
 * holds (in first-seen order), and the latest time, so staleness counts from the freshest source.
 * At the same instant a measured source (SYNC, DISCOVERED) is named rather than a DECLARED one.
 */
export function mergeObservation(current: PolicyObservation | null, next: PolicyObservation): PolicyObservation {
  if (!current) return next;
  const capabilities = next.capabilities.every((key) => current.capabilities.includes(key))
    ? current.capabilities
    : [...current.capabilities, ...next.capabilities.filter((key) => !current.capabilities.includes(key))];
  const nextIsLater = next.observedAt.getTime() > current.observedAt.getTime();
  const sameInstant = next.observedAt.getTime() === current.observedAt.getTime();
  return {
    toolSlug: current.toolSlug,
    environment: current.environment,
    autonomy: compareAutonomy(next.autonomy, current.autonomy) > 0 ? next.autonomy : current.autonomy,
    capabilities,
    observedAt: nextIsLater ? next.observedAt : current.observedAt,
    source: nextIsLater || (sameInstant && current.source === "DECLARED") ? next.source : current.source,
  };
}
