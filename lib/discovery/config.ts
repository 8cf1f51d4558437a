// The discovery config file: how what the files say maps to the register.
//   tools:        register slug → product ids or action refs (`claude-code`, `anthropics/claude-code-action`)
//   environments: environment name → matchers, tried in the file's order (`github-env:NAME`,
//                 `host:GLOB`, `path:GLOB`, `k8s-namespace:GLOB`)
//   capabilities: catalog key → the register's own key, where it differs
//   owners:       register slug → owner team, for a tool the register lacks (created PROPOSED)
//   defaultOwner: the owner team of any other tool the register lacks; without it such a tool is
//                 reported by the sync and its observations are not written
import { z } from "zod";
import { CAPABILITY_KEYS } from "./rules/capabilities";

export const MATCHER_KINDS = ["github-env", "host", "path", "k8s-namespace"] as const;
export type MatcherKind = (typeof MATCHER_KINDS)[number];

const matcher = z
  .string()
  .refine((value) => MATCHER_KINDS.some((kind) => value.startsWith(`${kind}:`) && value.length > kind.length + 1), {
    message: `must be one of ${MATCHER_KINDS.map((kind) => `${kind}:…`).join(", ")}`,
  });

const name = z.string().trim().min(1, "must not be empty").max(200);

export const discoveryConfigSchema = z
  .strictObject({
    tools: z.record(name, z.array(name.toLowerCase()).min(1, "list at least one product id or action ref")).default({}),
    environments: z.record(name, z.array(matcher).min(1, "list at least one matcher")).default({}),
    capabilities: z.partialRecord(z.enum(CAPABILITY_KEYS), name).default({}),
    owners: z.record(name, name).default({}),
    defaultOwner: name.optional(),
  })
  .superRefine((config, ctx) => {
    const owner = new Map<string, string>();
    for (const [slug, refs] of Object.entries(config.tools)) {
      refs.forEach((ref, index) => {
        const other = owner.get(ref);
        if (other && other !== slug) ctx.addIssue({ code: "custom", path: ["tools", slug, index], message: `"${ref}" is already mapped to tool "${other}"` });
        owner.set(ref, slug);
      });
    }
  });

export type DiscoveryConfig = z.infer<typeof discoveryConfigSchema>;

export const EMPTY_CONFIG: DiscoveryConfig = { tools: {}, environments: {}, capabilities: {}, owners: {} };

/** The team that owns `slug` should the register lack it: the config's owner, else its default. */
export const ownerTeamOf = (config: DiscoveryConfig, slug: string): string | undefined =>
  (Object.hasOwn(config.owners, slug) ? config.owners[slug] : undefined) ?? config.defaultOwner;

export interface ConfigProblem {
  field: string;
  message: string;
}

function fieldName(path: PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), "") || "(config)";
}

export function parseDiscoveryConfig(text: string): { config: DiscoveryConfig } | { problems: ConfigProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [{ field: "(config)", message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = discoveryConfigSchema.safeParse(json);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.flatMap((issue) =>
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), message: "is not a config field (tools, environments, capabilities, owners, defaultOwner)" }))
          : [{ field: fieldName(issue.path), message: issue.message }],
      ),
    };
  }
  return { config: parsed.data };
}
