// Single sign-on's settings (AUTH_OIDC_*, see README), read once and checked whole at start-up:
// `npm start` refuses to start on a bad value, and next-auth's configuration reads them the same way.
// Not server-only: next-auth's configuration imports it (see lib/data/sign-in-users.ts).
import { z } from "zod";
import { parseGroupRoleMap, type GroupRoleMap } from "@/lib/policy/scim-roles";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The login button's label: "Sign in with {name}". */
  name: string;
  /** What a first sign-in of an unknown, verified email creates; null: nobody (they are refused). */
  autoCreate: "VIEWER" | null;
  /** The ID token claim listing the person's groups (or app roles); null: sign-in changes no role. */
  roleClaim: string | null;
  roleMap: GroupRoleMap;
}

export class OidcConfigError extends Error {
  override name = "OidcConfigError";
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);

const envSchema = z.object({
  AUTH_OIDC_ISSUER: optional.pipe(
    z
      .url({ protocol: /^https?$/, error: "must be the issuer's URL, e.g. https://login.example.com/realms/eng" })
      .refine((url) => !URL.canParse(url) || new URL(url).protocol === "https:" || LOOPBACK.has(new URL(url).hostname), "must use https (http only on a loopback address)")
      .optional(),
  ),
  AUTH_OIDC_CLIENT_ID: optional,
  AUTH_OIDC_CLIENT_SECRET: optional,
  AUTH_OIDC_NAME: optional.pipe(z.string().max(60, "must be at most 60 characters").optional()),
  AUTH_OIDC_AUTO_CREATE: optional.pipe(
    z
      .literal("VIEWER", { error: "must be VIEWER or empty: a first sign-in may only create a viewer (an admin, or AUTH_OIDC_ROLE_MAP, gives other roles)" })
      .optional(),
  ),
  AUTH_OIDC_ROLE_CLAIM: optional.pipe(z.string().regex(/^\S{1,200}$/, "must be one claim name, e.g. groups or roles").optional()),
  AUTH_OIDC_ROLE_MAP: optional,
});

type Env = Record<string, string | undefined>;

function fail(variable: string, message: string): never {
  throw new OidcConfigError(`Single sign-on is misconfigured: ${variable} ${message}.`);
}

/** The settings from the environment; null when single sign-on is off (no AUTH_OIDC_ISSUER nor _CLIENT_ID). */
export function parseOidcConfig(env: Env): OidcConfig | null {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(String(issue.path[0]), issue.message);
  }
  const vars = parsed.data;
  const enabled = Boolean(vars.AUTH_OIDC_ISSUER || vars.AUTH_OIDC_CLIENT_ID);
  if (!enabled) {
    const stray = (["AUTH_OIDC_CLIENT_SECRET", "AUTH_OIDC_AUTO_CREATE", "AUTH_OIDC_ROLE_CLAIM", "AUTH_OIDC_ROLE_MAP"] as const).find((name) => vars[name]);
    if (stray) fail(stray, "is set, but AUTH_OIDC_ISSUER and AUTH_OIDC_CLIENT_ID are not");
    return null;
  }
  if (!vars.AUTH_OIDC_ISSUER) fail("AUTH_OIDC_ISSUER", "is required with AUTH_OIDC_CLIENT_ID");
  if (!vars.AUTH_OIDC_CLIENT_ID) fail("AUTH_OIDC_CLIENT_ID", "is required with AUTH_OIDC_ISSUER");
  if (!vars.AUTH_OIDC_CLIENT_SECRET) fail("AUTH_OIDC_CLIENT_SECRET", "is required: the register signs in as a confidential client");
  if (Boolean(vars.AUTH_OIDC_ROLE_CLAIM) !== Boolean(vars.AUTH_OIDC_ROLE_MAP)) {
    const [missing, other] = vars.AUTH_OIDC_ROLE_CLAIM ? ["AUTH_OIDC_ROLE_MAP", "AUTH_OIDC_ROLE_CLAIM"] : ["AUTH_OIDC_ROLE_CLAIM", "AUTH_OIDC_ROLE_MAP"];
    fail(missing, `is required with ${other}: roles come from the claim AUTH_OIDC_ROLE_CLAIM names, through the map AUTH_OIDC_ROLE_MAP`);
  }
  let roleMap: GroupRoleMap;
  try {
    roleMap = parseGroupRoleMap(vars.AUTH_OIDC_ROLE_MAP, "AUTH_OIDC_ROLE_MAP");
  } catch (error) {
    throw new OidcConfigError(`Single sign-on is misconfigured: ${(error as Error).message}`);
  }
  if (vars.AUTH_OIDC_ROLE_MAP && roleMap.size === 0) fail("AUTH_OIDC_ROLE_MAP", "maps no group");
  return {
    issuer: vars.AUTH_OIDC_ISSUER,
    clientId: vars.AUTH_OIDC_CLIENT_ID,
    clientSecret: vars.AUTH_OIDC_CLIENT_SECRET,
    name: vars.AUTH_OIDC_NAME ?? "single sign-on",
    autoCreate: vars.AUTH_OIDC_AUTO_CREATE ?? null,
    roleClaim: vars.AUTH_OIDC_ROLE_CLAIM ?? null,
    roleMap,
  };
}
