// Users and their API tokens (admin only). A token's secret is returned once and only its hash is kept.
import "server-only";
import { prisma, type Tx } from "@/lib/db/client";
import type { User } from "@/lib/generated/prisma/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/passwords";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { Page } from "@/lib/dto/page";
import type { IdentityResolutionDto, IssuedTokenDto, UserDto, UserWithTokensDto } from "@/lib/dto/users";
import type { PageQuery } from "@/lib/validation/paging";
import type { IdentityResolveInput, TokenCreateInput, UserCreateInput, UserUpdateInput } from "@/lib/validation/users.validation";
import { paged } from "./page-window";

function userDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    senior: user.senior,
    active: user.active,
    canSignIn: user.passwordHash !== null,
    githubLogin: user.githubLogin,
    createdAt: user.createdAt,
  };
}

const duplicate = (email: string) => new AppError("CONFLICT", `A user with email ${email} already exists.`, [{ field: "email", message: "already exists" }]);
const loginTaken = (login: string, email: string) =>
  new AppError("CONFLICT", `The GitHub login ${login} already belongs to ${email}.`, [{ field: "githubLogin", message: `already belongs to ${email}` }]);

// One login, one person: otherwise an approval on a pull request could count for either.
async function assertLoginFree(tx: Tx, login: string | null | undefined, userId?: string): Promise<void> {
  if (!login) return;
  const holder = await tx.user.findUnique({ where: { githubLogin: login }, select: { id: true, email: true } });
  if (holder && holder.id !== userId) throw loginTaken(login, holder.email);
}

// Two writes naming the same new email or login at once: the unique index answers for the second.
function uniqueViolationAs(email: string, login: string | null | undefined) {
  return (error: unknown): never => {
    if (!isUniqueViolation(error)) throw error;
    const onLogin = login && JSON.stringify((error as { meta?: unknown }).meta ?? {}).includes("githubLogin");
    throw onLogin ? loginTaken(login, "another user") : duplicate(email);
  };
}

export async function createUser(actor: Actor, input: UserCreateInput): Promise<UserDto> {
  authorize(actor, "user:admin");
  // bcrypt is slow: hash before the transaction so it holds no lock meanwhile.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return prisma().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw duplicate(input.email);
    await assertLoginFree(tx, input.githubLogin);
    const user = await tx.user
      .create({ data: { email: input.email, name: input.name, role: input.role, senior: input.senior, githubLogin: input.githubLogin ?? null, passwordHash } })
      .catch(uniqueViolationAs(input.email, input.githubLogin));
    const dto = userDto(user);
    const after = { email: dto.email, name: dto.name, role: dto.role, senior: dto.senior, active: dto.active, canSignIn: dto.canSignIn, githubLogin: dto.githubLogin };
    await recordAudit(tx, actor, { action: "user.created", entity: "User", entityId: user.id, after });
    return dto;
  });
}

// A SCIM token changes who may sign in and with which role, so it acts as an admin: it is issued
// only for one (a person standing for the identity provider), and stops if they stop being one.
export async function createApiToken(actor: Actor, userId: string, { name, scope }: TokenCreateInput): Promise<IssuedTokenDto> {
  authorize(actor, "user:admin");
  const token = generateToken();
  return prisma().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, active: true, role: true } });
    if (!user) throw notFound(`User "${userId}"`);
    if (!user.active) throw new AppError("UNPROCESSABLE", `${user.email} is not active: a token would not work.`);
    if (scope === "SCIM" && user.role !== "ADMIN") {
      throw new AppError("UNPROCESSABLE", `A SCIM token provisions people and roles, so only an admin may hold one; ${user.email} is not an admin.`, [
        { field: "scope", message: "SCIM tokens are for admins only" },
      ]);
    }
    const created = await tx.apiToken.create({ data: { userId: user.id, name, scope, tokenHash: hashToken(token) } });
    await recordAudit(tx, actor, { action: "token.created", entity: "ApiToken", entityId: created.id, after: { userId: user.id, email: user.email, name, scope } });
    return { id: created.id, userId: user.id, name, scope, token, createdAt: created.createdAt };
  });
}

// Everyone with their tokens (never the secrets): active people first, then by name.
export async function listUsers(actor: Actor, query: PageQuery): Promise<Page<UserWithTokensDto>> {
  authorize(actor, "user:admin");
  const db = prisma();
  return paged(
    query,
    () => db.user.count(),
    async (skip, take) => {
      const users = await db.user.findMany({
        orderBy: [{ active: "desc" }, { name: "asc" }, { email: "asc" }],
        skip,
        take,
        include: { tokens: { orderBy: { createdAt: "desc" }, select: { id: true, name: true, scope: true, createdAt: true, lastUsedAt: true } } },
      });
      return users.map((user) => ({
        ...userDto(user),
        tokens: user.tokens,
      }));
    },
  );
}

// Role, seniority and the active flag are read on every request, so a change here takes effect on
// the person's next request; deactivating also stops their tokens. An admin cannot lock themselves out.
export async function updateUser(actor: Actor, id: string, patch: UserUpdateInput): Promise<UserDto> {
  authorize(actor, "user:admin");
  if (id === actor.id && (patch.active === false || (patch.role !== undefined && patch.role !== "ADMIN"))) {
    throw new AppError("UNPROCESSABLE", "You cannot deactivate yourself or give up your own admin role; ask another admin.", [
      { field: patch.active === false ? "active" : "role", message: "not on your own account" },
    ]);
  }
  return prisma().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw notFound(`User "${id}"`);
    // Deactivation ends the person's sessions for good: reactivating them later does not revive a copied cookie.
    const endsSessions = before.active && patch.active === false;
    await assertLoginFree(tx, patch.githubLogin, id);
    const after = await tx.user
      .update({ where: { id }, data: { ...patch, ...(endsSessions && { sessionVersion: { increment: 1 } }) } })
      .catch(uniqueViolationAs(before.email, patch.githubLogin));
    const changed = (Object.keys(patch) as (keyof UserUpdateInput)[]).filter((key) => before[key] !== after[key]);
    if (changed.length) {
      await recordAudit(tx, actor, {
        action: "user.updated",
        entity: "User",
        entityId: id,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: { email: after.email, ...Object.fromEntries(changed.map((key) => [key, after[key]])) },
      });
    }
    return userDto(after);
  });
}

// "Sign out everywhere": every session the person has, in any browser, ends on its next request
// (each request compares the session's version with the user's). Their API tokens are not touched.
export async function revokeSessions(actor: Actor, id: string): Promise<void> {
  authorize(actor, "user:admin");
  await prisma().$transaction(async (tx) => {
    if (!(await tx.user.findUnique({ where: { id }, select: { id: true } }))) throw notFound(`User "${id}"`);
    const user = await tx.user.update({ where: { id }, data: { sessionVersion: { increment: 1 } }, select: { email: true, sessionVersion: true } });
    await recordAudit(tx, actor, { action: "user.sessions_revoked", entity: "User", entityId: id, after: { email: user.email, sessionVersion: user.sessionVersion } });
  });
}

/**
 * Sign-out: ends every session of the user, in every browser (a session carries only its user's
 * version), by moving the version on. Only from a session still in force, so a cookie that has
 * already been ended cannot sign the person out again and again.
 */
export async function endSessionsOnSignOut(userId: string, sessionVersion: number): Promise<void> {
  await prisma().user.updateMany({ where: { id: userId, sessionVersion }, data: { sessionVersion: { increment: 1 } } });
}

// A revoked token stops working on its next request: the row, and so the hash, is gone.
export async function revokeApiToken(actor: Actor, userId: string, tokenId: string): Promise<void> {
  authorize(actor, "user:admin");
  await prisma().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId }, include: { user: { select: { email: true } } } });
    if (!token) throw notFound(`Token "${tokenId}" of user "${userId}"`);
    await tx.apiToken.delete({ where: { id: tokenId } });
    await recordAudit(tx, actor, { action: "token.revoked", entity: "ApiToken", entityId: tokenId, before: { userId, email: token.user.email, name: token.name } });
  });
}

/**
 * Who approved, for the deploy gate: GitHub logins to the register's active people. Any role may ask,
 * as anyone reading the register sees who decided each grant; a deactivated person is unknown, so a
 * departed reviewer's approval counts for nothing.
 */
export async function resolveIdentities(actor: Actor, input: IdentityResolveInput): Promise<IdentityResolutionDto> {
  authorize(actor, "register:read");
  const logins = [...new Set(input.github)];
  const people = await prisma().user.findMany({
    where: { githubLogin: { in: logins }, active: true },
    select: { githubLogin: true, email: true, name: true, senior: true },
    orderBy: { githubLogin: "asc" },
  });
  const found = new Set(people.map((person) => person.githubLogin));
  return {
    people: people.map(({ githubLogin, ...person }) => ({ github: githubLogin!, ...person })),
    unknown: logins.filter((login) => !found.has(login)),
  };
}
