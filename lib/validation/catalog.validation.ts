// Inputs of the catalog (teams, environments, capabilities) and of tool writes: the API parses request
// bodies and queries with these, the import checks each row with them, and the forms use the same.
// Plain z.object schemas with descriptions, so an OpenAPI generator can read them as they are.
import { z } from "zod";
import { pageQuerySchema } from "./paging";
import { AUTONOMY_LEVELS, CAPABILITY_CLASSES, DATA_SENSITIVITIES, TIERS, TOOL_KINDS, TOOL_STATUSES } from "@/lib/policy/types";

const search = z.string().trim().min(1).max(200).optional().describe("case-insensitive search in names and descriptions");

// ── Fields ──────────────────────────────────────────────────────────────────────────────────────
const name = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(100, `${what} is at most 100 characters`);

const description = z.string().trim().max(2000, "description is at most 2000 characters");

// /tools/<slug> is the tool's page; these paths are taken by other pages.
const RESERVED_SLUGS = ["import", "new"];

/** Lower-case words joined by single hyphens: the tool's address in URLs and the API. */
export const slugField = z
  .string({ error: "slug is required" })
  .trim()
  .min(2, "slug is at least 2 characters")
  .max(64, "slug is at most 64 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "slug: lower-case letters, digits and single hyphens, e.g. kiro-agent")
  .refine((slug) => !RESERVED_SLUGS.includes(slug), `slug: ${RESERVED_SLUGS.join(" and ")} are reserved for pages of the register`)
  .describe("unique, lower-case address of the tool, e.g. kiro-agent");

/**
 * Names are the API's and the pages' addresses for teams and environments: no slashes, no leading or
 * trailing blanks, and no "%", so that a path segment that holds one is known to be still encoded.
 */
const addressableName = (what: string) => name(what).regex(/^[^/\\?#%]+$/, `${what} may not contain / \\ ? # or %`);

/**
 * A record's address from a page's dynamic segment. Next.js hands a page the segment decoded on a full
 * page load but still percent-encoded after a client-side navigation (a team name's space, a capability
 * key's colon); no name or key contains "%", so one there means the segment is encoded.
 */
export function addressFromSegment(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const enumField = <T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, { error: `${field} must be one of ${values.join(", ")}` });

// A record's name or key is its address in URLs, the API, the audit log and (for a capability) the
// grants that list it, so an update that sends one is refused, naming the field, rather than ignored.
const unchangeable = (field: string, what: string) =>
  z.never({ error: `${field} cannot be changed: it is the ${what}'s address in the API, its references and the audit log` }).optional().describe(`cannot be changed (the ${what}'s address)`);

const atLeastOneField = (input: Record<string, unknown>) => Object.values(input).some((value) => value !== undefined);
const AT_LEAST_ONE_FIELD = "Send at least one field to change.";

export const modesField = z
  .array(enumField("modes", AUTONOMY_LEVELS))
  .max(AUTONOMY_LEVELS.length)
  .refine((modes) => new Set(modes).size === modes.length, "modes: each mode once")
  // Stored in autonomy order so that the same set always reads the same.
  .transform((modes) => [...modes].sort((a, b) => AUTONOMY_LEVELS.indexOf(a) - AUTONOMY_LEVELS.indexOf(b)))
  .describe(`autonomy modes the tool supports: ${AUTONOMY_LEVELS.join(", ")}`);

// ── Teams ───────────────────────────────────────────────────────────────────────────────────────
export const teamCreateSchema = z
  .object({
    name: addressableName("name").describe("unique team name; tools and mitigations refer to the team by it"),
    description: description.default(""),
  })
  .strict();
export type TeamCreateInput = z.infer<typeof teamCreateSchema>;

// PATCH /api/v1/teams/{name}: the description; tools, risks and mitigations name the team.
export const teamUpdateSchema = z
  .object({ name: unchangeable("name", "team"), description: description.optional() })
  .strict()
  .refine(atLeastOneField, AT_LEAST_ONE_FIELD);
export type TeamUpdateInput = z.infer<typeof teamUpdateSchema>;

export const teamListQuerySchema = pageQuerySchema.extend({ q: search });
export type TeamListQuery = z.infer<typeof teamListQuerySchema>;

// ── Environments ────────────────────────────────────────────────────────────────────────────────
const environmentFields = {
  tier: enumField("tier", TIERS).describe(`blast radius, ordered: ${TIERS.join(" < ")}`),
  dataSensitivity: enumField("dataSensitivity", DATA_SENSITIVITIES),
  criticalPath: z.boolean({ error: "criticalPath must be true or false" }).describe("on a critical business path (checkout, billing, identity…)"),
  description,
};

export const environmentCreateSchema = z
  .object({
    name: addressableName("name").describe("unique environment name, e.g. prod-us-east"),
    tier: environmentFields.tier,
    dataSensitivity: environmentFields.dataSensitivity.default("NONE"),
    criticalPath: environmentFields.criticalPath.default(false),
    description: environmentFields.description.default(""),
  })
  .strict();
export type EnvironmentCreateInput = z.infer<typeof environmentCreateSchema>;

// PATCH /api/v1/environments/{name}: any field but the name, which grants, observations, changes and
// the deploy gate's configuration use.
export const environmentUpdateSchema = z
  .object({
    name: unchangeable("name", "environment"),
    tier: environmentFields.tier.optional(),
    dataSensitivity: environmentFields.dataSensitivity.optional(),
    criticalPath: environmentFields.criticalPath.optional(),
    description: environmentFields.description.optional(),
  })
  .strict()
  .refine(atLeastOneField, AT_LEAST_ONE_FIELD);
export type EnvironmentUpdateInput = z.infer<typeof environmentUpdateSchema>;

export const environmentListQuerySchema = pageQuerySchema.extend({ q: search, tier: enumField("tier", TIERS).optional() });
export type EnvironmentListQuery = z.infer<typeof environmentListQuerySchema>;

// ── Capabilities ────────────────────────────────────────────────────────────────────────────────
const capabilityClassField = enumField("class", CAPABILITY_CLASSES).describe("DESTRUCTIVE, SCHEMA, INFRA and ADMIN are high-impact in the approval matrix");

export const capabilityCreateSchema = z
  .object({
    key: z
      .string({ error: "key is required" })
      .trim()
      .min(3, "key is at least 3 characters")
      .max(64, "key is at most 64 characters")
      .regex(/^[a-z0-9][a-z0-9._-]*(:[a-z0-9][a-z0-9._-]*)+$/, "key: lower-case resource:action, e.g. db:migrate")
      .describe("unique permission key, resource:action, e.g. env:delete"),
    class: capabilityClassField,
    description: description.default(""),
  })
  .strict();
export type CapabilityCreateInput = z.infer<typeof capabilityCreateSchema>;

// PATCH /api/v1/capabilities/{key}: the class and the description; grants and observations list the key.
export const capabilityUpdateSchema = z
  .object({ key: unchangeable("key", "capability"), class: capabilityClassField.optional(), description: description.optional() })
  .strict()
  .refine(atLeastOneField, AT_LEAST_ONE_FIELD);
export type CapabilityUpdateInput = z.infer<typeof capabilityUpdateSchema>;

export const capabilityListQuerySchema = pageQuerySchema.extend({ q: search, class: enumField("class", CAPABILITY_CLASSES).optional() });
export type CapabilityListQuery = z.infer<typeof capabilityListQuerySchema>;

// ── Tools ───────────────────────────────────────────────────────────────────────────────────────
// One tool's fields; the create, update and import schemas below are cut from it.
export const toolFields = {
  slug: slugField,
  name: name("name").describe("display name"),
  vendor: name("vendor").describe("who makes the tool"),
  kind: enumField("kind", TOOL_KINDS),
  ownerTeam: name("ownerTeam").describe("name of an existing team"),
  status: enumField("status", TOOL_STATUSES),
  modes: modesField,
  description,
};

// POST /api/v1/tools
export const toolCreateSchema = z
  .object({
    ...toolFields,
    status: toolFields.status.default("PROPOSED"),
    modes: toolFields.modes.default([]),
    description: toolFields.description.default(""),
  })
  .strict();
export type ToolCreateInput = z.infer<typeof toolCreateSchema>;

// PATCH /api/v1/tools/{slug}: any of the fields but the slug, which is the tool's permanent address.
export const toolUpdateSchema = z
  .object({
    name: toolFields.name.optional(),
    vendor: toolFields.vendor.optional(),
    kind: toolFields.kind.optional(),
    ownerTeam: toolFields.ownerTeam.optional(),
    status: toolFields.status.optional(),
    modes: toolFields.modes.optional(),
    description: toolFields.description.optional(),
  })
  .strict()
  .refine(atLeastOneField, AT_LEAST_ONE_FIELD);
export type ToolUpdateInput = z.infer<typeof toolUpdateSchema>;
