// Roles from identity-provider groups, for SCIM and for single sign-on's role claim
// (lib/policy/oidc-sign-in.ts): a group's name maps to a role only when the register's map
// (SCIM_GROUP_ROLE_MAP, AUTH_OIDC_ROLE_MAP) names it, so no group, whatever it is called, grants a
// role (ADMIN least of all) that an admin did not map. A person in several mapped groups holds the
// one highest in ROLE_PRECEDENCE; a person in none of them, once a mapped group's membership changed
// for them (or, with SSO, at sign-in), falls back to VIEWER.
import { z } from "zod";
import { ROLES, type Role } from "@/lib/auth/permissions";

export const ROLE_PRECEDENCE: readonly Role[] = ["ADMIN", "SECURITY_REVIEWER", "PLATFORM_LEAD", "INCIDENT_MANAGER", "VIEWER"];

export type GroupRoleMap = ReadonlyMap<string, Role>;

const groupKey = (displayName: string) => displayName.trim().toLowerCase();

const mapSchema = z.record(z.string().trim().min(1), z.enum(ROLES, { error: `each group must map to one of ${ROLES.join(", ")}` }));

/**
 * A group-to-role map as JSON, `{"Register admins": "ADMIN", …}`; group names compare regardless of
 * case. SCIM_GROUP_ROLE_MAP, and single sign-on's AUTH_OIDC_ROLE_MAP (`variable` names it in errors).
 */
export function parseGroupRoleMap(text: string | undefined, variable = "SCIM_GROUP_ROLE_MAP"): GroupRoleMap {
  if (!text?.trim()) return new Map();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${variable} is not valid JSON: expected an object of group names to roles.`);
  }
  const parsed = mapSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${variable}: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
  return new Map(Object.entries(parsed.data).map(([name, role]) => [groupKey(name), role]));
}

export function roleOfGroup(map: GroupRoleMap, displayName: string): Role | undefined {
  return map.get(groupKey(displayName));
}

/** The role a person's groups give them; undefined when none of their groups is mapped. */
export function roleFromGroups(map: GroupRoleMap, groupNames: readonly string[]): Role | undefined {
  const roles = new Set(groupNames.map((name) => roleOfGroup(map, name)).filter((role): role is Role => role !== undefined));
  return ROLE_PRECEDENCE.find((role) => roles.has(role));
}
