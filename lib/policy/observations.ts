// One tool × environment can be observed by several sources at once: a declaration (or an API sync)
// and each discovery connector of each scanned scope. The policy judges them as one observation, and
// where they disagree the riskier wins: a scan that sees less never hides what another source saw.
import { compareAutonomy, type PolicyObservation } from "./types";

/** A pair's oldest source: the one that goes stale first. */
const oldestOf = (o: PolicyObservation) => o.oldest ?? { observedAt: o.observedAt, source: o.source };

/**
 * The observation `current` and `next` make together: the highest autonomy, every capability either
 * holds (sorted, so the order rows are read in does not change a finding's wording), the latest time
 * (the tool was active then) and the oldest source (which, held to the riskier, must not go stale
 * unseen). At the same instant a measured source (SYNC, DISCOVERED) is named rather than a DECLARED one.
 */
export function mergeObservation(current: PolicyObservation | null, next: PolicyObservation): PolicyObservation {
  if (!current) return next;
  const capabilities = next.capabilities.every((key) => current.capabilities.includes(key))
    ? current.capabilities
    : [...new Set([...current.capabilities, ...next.capabilities])].sort();
  const nextIsLater = next.observedAt.getTime() > current.observedAt.getTime();
  const sameInstant = next.observedAt.getTime() === current.observedAt.getTime();
  const [a, b] = [oldestOf(current), oldestOf(next)];
  const oldest = b.observedAt.getTime() < a.observedAt.getTime() ? b : a;
  const observedAt = nextIsLater ? next.observedAt : current.observedAt;
  return {
    toolSlug: current.toolSlug,
    environment: current.environment,
    autonomy: compareAutonomy(next.autonomy, current.autonomy) > 0 ? next.autonomy : current.autonomy,
    capabilities,
    observedAt,
    source: nextIsLater || (sameInstant && current.source === "DECLARED") ? next.source : current.source,
    ...(oldest.observedAt.getTime() < observedAt.getTime() ? { oldest } : {}),
  };
}
