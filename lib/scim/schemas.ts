// What identity providers send to /scim/v2, validated with zod. Lenient where providers differ
// (Entra ID sends booleans as "True"/"False" and capitalises ops; attributes the register does not
// keep, such as title or the enterprise extension, are accepted and ignored), strict where a value
// becomes the register's: a userName, an email, the active flag.
import { z } from "zod";
import { invalidValue, ScimError } from "./errors";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export const scimBoolean = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i, "must be true or false")
    .transform((value) => value.toLowerCase() === "true"),
]);

const text = (max: number) => z.string().trim().max(max);

export const scimUserSchema = z.looseObject({
  userName: text(320).min(1, "userName is required"),
  externalId: text(200).nullish(),
  displayName: text(200).nullish(),
  name: z.looseObject({ formatted: text(200).nullish(), givenName: text(100).nullish(), familyName: text(100).nullish() }).nullish(),
  emails: z
    .array(z.looseObject({ value: text(320), type: z.string().nullish(), primary: scimBoolean.nullish() }))
    .max(20)
    .nullish(),
  active: scimBoolean.optional(),
});
export type ScimUserInput = z.infer<typeof scimUserSchema>;

/** What the register keeps of a SCIM User. */
export interface PersonFields {
  userName: string;
  email: string;
  name: string;
  externalId: string | null;
  active: boolean | undefined;
}

const emailSchema = z.email().max(320);

// The register signs people in by email: the primary (or work, or first) email, else an email-shaped userName.
export function personFields(input: ScimUserInput): PersonFields {
  const emails = (input.emails ?? []).filter((email) => email.value);
  const chosen = emails.find((email) => email.primary) ?? emails.find((email) => email.type?.toLowerCase() === "work") ?? emails[0];
  const email = chosen?.value ?? input.userName;
  if (!emailSchema.safeParse(email).success) {
    throw invalidValue(chosen ? `emails: ${email} is not an email address` : "emails: the register needs an email address for the person (none in emails, and userName is not one)");
  }
  const given = [input.name?.givenName, input.name?.familyName].filter(Boolean).join(" ");
  const name = input.displayName || input.name?.formatted || given || input.userName;
  return { userName: input.userName, email: email.toLowerCase(), name: name.slice(0, 200), externalId: input.externalId || null, active: input.active };
}

export const patchRequestSchema = z.looseObject({
  schemas: z.array(z.string()).refine((schemas) => schemas.includes(PATCH_SCHEMA), `schemas must name ${PATCH_SCHEMA}`),
  Operations: z
    .array(
      z.looseObject({
        op: z
          .string()
          .transform((op) => op.toLowerCase())
          .pipe(z.enum(["add", "remove", "replace"], { error: "op must be add, remove or replace" })),
        path: z.string().max(500).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1, "Operations must hold at least one operation")
    .max(1000),
});
export type PatchOperation = z.infer<typeof patchRequestSchema>["Operations"][number];

export const memberSchema = z.looseObject({ value: z.string().min(1).max(100), display: z.string().nullish() });
export const membersSchema = z.array(memberSchema).max(10_000);

export const scimGroupSchema = z.looseObject({
  displayName: text(200).min(1, "displayName is required"),
  externalId: text(200).nullish(),
  members: membersSchema.nullish(),
});
export type ScimGroupInput = z.infer<typeof scimGroupSchema>;

// startIndex is 1-based; RFC 7644 §3.4.2.4: below 1 counts as 1, a negative count as 0.
export const MAX_PAGE = 200;
export const listQuerySchema = z.object({
  filter: z.string().max(1000).optional(),
  startIndex: z.coerce.number({ error: "startIndex must be a number" }).int("startIndex must be an integer").default(1).transform((n) => Math.max(1, n)),
  count: z.coerce.number({ error: "count must be a number" }).int("count must be an integer").default(100).transform((n) => Math.min(MAX_PAGE, Math.max(0, n))),
  excludedAttributes: z.string().max(1000).optional(),
  attributes: z.string().max(1000).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export interface EqFilter {
  attribute: string;
  value: string;
}

/**
 * The filters identity providers send to look a person or group up: `attribute eq "value"`, the
 * attribute one of `attributes` (compared regardless of case, as SCIM's attribute names are).
 */
export function parseEqFilter(filter: string | undefined, attributes: readonly string[]): EqFilter | undefined {
  if (filter === undefined || filter.trim() === "") return undefined;
  const match = filter.trim().match(/^([\w.:$[\]" -]+?)\s+eq\s+("(?:[^"\\]|\\.)*")$/i);
  const attribute = match && attributes.find((name) => name.toLowerCase() === match[1].toLowerCase().replace(/\s+/g, " "));
  if (!match || !attribute) {
    throw new ScimError(400, "invalidFilter", `Unsupported filter ${JSON.stringify(filter)}: the register answers \`<attribute> eq "<value>"\` for ${attributes.join(", ")}.`);
  }
  try {
    return { attribute, value: JSON.parse(match[2]) as string };
  } catch {
    throw new ScimError(400, "invalidFilter", `The filter's value ${match[2]} is not a valid string.`);
  }
}
