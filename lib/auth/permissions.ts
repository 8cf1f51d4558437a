// Who may do what: the one place role checks are defined. Every server action, route handler and
// data function asks `can(role, permission)` through requirePermission().
export const ROLES = ["VIEWER", "PLATFORM_LEAD", "SECURITY_REVIEWER", "INCIDENT_MANAGER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

const EVERYONE: readonly Role[] = ROLES;

export const PERMISSIONS = {
  // The register is the organisation's shared truth: every signed-in role reads all of it.
  "register:read": EVERYONE,
  "tool:write": ["PLATFORM_LEAD", "ADMIN"],
  "observation:write": ["PLATFORM_LEAD", "ADMIN"],
  "grant:request": ["PLATFORM_LEAD", "ADMIN"],
  "grant:decide": ["SECURITY_REVIEWER", "ADMIN"],
  "grant:revoke": ["SECURITY_REVIEWER", "ADMIN"],
  // Accepting a finding for a while is a security reviewer's call, like a grant decision.
  "finding:accept": ["SECURITY_REVIEWER", "ADMIN"],
  "catalog:write": ["PLATFORM_LEAD", "ADMIN"],
  "incident:write": ["INCIDENT_MANAGER", "ADMIN"],
  "mitigation:write": ["INCIDENT_MANAGER", "PLATFORM_LEAD", "SECURITY_REVIEWER", "ADMIN"],
  "risk:write": ["SECURITY_REVIEWER", "PLATFORM_LEAD", "ADMIN"],
  "change:ingest": ["PLATFORM_LEAD", "ADMIN"],
  // DESIGN.md: the rules are "editable by security reviewers and admins".
  "policy:edit": ["SECURITY_REVIEWER", "ADMIN"],
  // Signing the audit log's head is an attestation by the security function, like a decision; every
  // chain check takes one anyway, so this only decides who may ask for one explicitly.
  "audit:checkpoint": ["SECURITY_REVIEWER", "ADMIN"],
  "user:admin": ["ADMIN"],
  // Subscriptions carry signing secrets and send the register's contents outside it.
  "webhook:manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  VIEWER: "Viewer",
  PLATFORM_LEAD: "Platform lead",
  SECURITY_REVIEWER: "Security reviewer",
  INCIDENT_MANAGER: "Incident manager",
  ADMIN: "Admin",
};
