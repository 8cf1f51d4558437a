// The register's side of a single sign-on (lib/policy/oidc-sign-in.ts decides): called by next-auth's
// signIn callback with the ID token's verified claims. A refusal, an account created on first sign-in
// and a role the provider's groups changed are each audited in the transaction that reads the person,
// as the register itself with `via: "oidc"`. Not server-only: next-auth's configuration imports it
// (see lib/data/sign-in-users.ts).
import { prisma, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAudit, recordAuditEvents, SYSTEM_ACTOR, type AuditEventInput } from "@/lib/audit/record";
import type { OidcConfig } from "@/lib/auth/oidc-config";
import { identityFromClaims, planOidcSignIn, type OidcIdentity, type OidcRefusal } from "@/lib/policy/oidc-sign-in";
import type { SignInUser } from "./sign-in-users";

const VIA = "oidc";

export type OidcSignInResult = { outcome: "signed-in"; user: SignInUser } | { outcome: "refused"; reason: OidcRefusal };

const signInSelect = { id: true, email: true, name: true, role: true, active: true, passwordHash: true, sessionVersion: true } as const;

interface Attempt {
  email: string | null;
  subject: string;
  issuer: string;
  userId?: string;
  detail?: string;
}

// The attempt is the event's entity: an unknown email has no user row to hang it on.
function refusalEvent(reason: OidcRefusal, attempt: Attempt): AuditEventInput {
  const { email, subject, issuer, userId, detail } = attempt;
  return { action: "auth.sign_in_refused", entity: "SignIn", entityId: email ?? `sub:${subject}`, after: { email, reason, subject, issuer, userId, detail, via: VIA } };
}

/** Records a sign-in refused before its claims could be trusted (e.g. a bad ID token signature). */
export async function refuseOidcSignIn(reason: OidcRefusal, attempt: Attempt): Promise<OidcSignInResult> {
  await prisma().$transaction((tx) => recordAudit(tx, SYSTEM_ACTOR, refusalEvent(reason, attempt)));
  return { outcome: "refused", reason };
}

async function decide(tx: Tx, identity: OidcIdentity, config: OidcConfig): Promise<OidcSignInResult> {
  const attempt = { email: identity.email, subject: identity.subject, issuer: config.issuer };
  // A SCIM change to the same person waits, or is waited for: the role written last is the one read last.
  if (identity.email) await tx.$queryRaw`SELECT id FROM "User" WHERE email = ${identity.email} FOR NO KEY UPDATE`;
  const person = identity.email ? await tx.user.findUnique({ where: { email: identity.email }, select: signInSelect }) : null;
  const plan = planOidcSignIn(identity, person, config);
  if (plan.outcome === "refused") {
    await recordAudit(tx, SYSTEM_ACTOR, refusalEvent(plan.reason, { ...attempt, userId: person?.id }));
    return plan;
  }
  const events: AuditEventInput[] = [];
  let user = person;
  if (plan.outcome === "created") {
    const email = identity.email!;
    user = await tx.user.create({ data: { email, name: identity.name ?? email, role: "VIEWER" }, select: signInSelect });
    events.push({
      action: "user.created",
      entity: "User",
      entityId: user.id,
      after: { email, name: user.name, role: user.role, senior: false, active: true, canSignIn: false, githubLogin: null, subject: identity.subject, issuer: config.issuer, via: VIA },
    });
  }
  if (user && plan.role !== user.role) {
    const groups = [...(identity.groups ?? [])].sort();
    events.push({ action: "user.updated", entity: "User", entityId: user.id, before: { role: user.role }, after: { email: user.email, role: plan.role, groups, via: VIA } });
    user = await tx.user.update({ where: { id: user.id }, data: { role: plan.role }, select: signInSelect });
  }
  await recordAuditEvents(tx, events.map((event) => ({ ...event, actor: SYSTEM_ACTOR })));
  return { outcome: "signed-in", user: user! };
}

/**
 * Signs in the person the provider vouched for, by email, or refuses them (audited). `claims` must
 * come from an ID token whose signature, issuer, audience and nonce were verified.
 */
export async function signInWithOidc(claims: Record<string, unknown>, config: OidcConfig): Promise<OidcSignInResult> {
  const identity = identityFromClaims(claims, config.roleClaim);
  const attempt = () => prisma().$transaction((tx) => decide(tx, identity, config));
  try {
    return await attempt();
  } catch (error) {
    // Two first sign-ins of the same new email at once: the second finds the first's account.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}
