// Accesses → observations, through the config: which register tool (its slug) and environment each
// access is, and one observation per tool × environment, merged over every file that says so.
import { compareAutonomy } from "@/lib/policy/types";
import type { DiscoveryConfig, MatcherKind } from "./config";
import { matchesGlob } from "./glob";
import { sortCapabilities } from "./rules/capabilities";
import type { Access, DiscoveredObservation, Evidence, UnknownEntry } from "./types";

/** GitHub environment names and host names are case-insensitive; paths and namespaces are not. */
const IGNORE_CASE: Record<MatcherKind, boolean> = { "github-env": true, host: true, path: false, "k8s-namespace": false };

function matchEnvironment(config: DiscoveryConfig, kind: MatcherKind, value: string): string | undefined {
  for (const [environment, matchers] of Object.entries(config.environments)) {
    for (const matcher of matchers) {
      if (!matcher.startsWith(`${kind}:`)) continue;
      if (matchesGlob(value, matcher.slice(kind.length + 1), { ignoreCase: IGNORE_CASE[kind] })) return environment;
    }
  }
  return undefined;
}

/** The register slug: the first of the access's refs the config lists, else the product id itself. */
export function toolSlug(config: DiscoveryConfig, access: Access): string {
  for (const ref of access.refs) {
    for (const [slug, refs] of Object.entries(config.tools)) if (refs.includes(ref.toLowerCase())) return slug;
  }
  return access.product;
}

function describe(tool: string, access: Access): string {
  return `${tool} (${access.autonomy}${access.capabilities.length ? `; ${access.capabilities.join(", ")}` : ""}) matches no environment in the config`;
}

/**
 * Specific keys (a GitHub environment, a host, a namespace) decide when a file names one; only a file
 * that names none falls back to its path. A named key that no matcher knows is unknown, not guessed.
 */
function environmentOf(config: DiscoveryConfig, tool: string, access: Access): { environment: string } | { unknown: UnknownEntry[] } {
  if (access.environmentKeys.length > 0) {
    for (const key of access.environmentKeys) {
      const environment = matchEnvironment(config, key.kind, key.value);
      if (environment) return { environment };
    }
    return {
      unknown: access.environmentKeys.map((key) => ({ kind: "environment", value: `${key.kind}:${key.value}`, file: access.file, line: key.line, detail: describe(tool, access) })),
    };
  }
  const environment = matchEnvironment(config, "path", access.file);
  if (environment) return { environment };
  return { unknown: [{ kind: "environment", value: `path:${access.file}`, file: access.file, line: access.line, detail: describe(tool, access) }] };
}

const evidenceKey = (e: Evidence) => `${e.file}\u0000${String(e.line).padStart(9, "0")}\u0000${e.detail}`;

export function resolveAccesses(accesses: readonly Access[], config: DiscoveryConfig): { observations: DiscoveredObservation[]; unknown: UnknownEntry[] } {
  const merged = new Map<string, DiscoveredObservation>();
  const unknown: UnknownEntry[] = [];
  const rename = (key: string) => (config.capabilities as Record<string, string | undefined>)[key] ?? key;

  for (const access of accesses) {
    const tool = toolSlug(config, access);
    const where = environmentOf(config, tool, access);
    if ("unknown" in where) {
      unknown.push(...where.unknown);
      continue;
    }
    const key = `${tool}\u0000${where.environment}`;
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, { tool, environment: where.environment, autonomy: access.autonomy, capabilities: [...access.capabilities], evidence: [...access.evidence] });
    } else {
      if (compareAutonomy(access.autonomy, existing.autonomy) > 0) existing.autonomy = access.autonomy;
      existing.capabilities.push(...access.capabilities);
      existing.evidence.push(...access.evidence);
    }
  }

  const observations = [...merged.values()]
    .map((observation) => ({
      ...observation,
      capabilities: sortCapabilities(observation.capabilities).map(rename),
      evidence: [...new Map(observation.evidence.map((e) => [evidenceKey(e), e])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e),
    }))
    .sort((a, b) => a.tool.localeCompare(b.tool) || a.environment.localeCompare(b.environment));
  return { observations, unknown };
}
