// Users and their API tokens (admin only). A token's secret is returned once and only its hash is kept.
import "server-only";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/passwords";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { UserCreateInput } from "@/lib/validation/users.validation";

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: string;
  senior: boolean;
  active: boolean;
  canSignIn: boolean;
  createdAt: string;
}

const duplicate = (email: string) => new AppError("CONFLICT", `A user with email ${email} already exists.`, [{ field: "email", message: "already exists" }]);

export async function createUser(actor: Actor, input: UserCreateInput): Promise<UserDto> {
  authorize(actor, "user:admin");
  // bcrypt is slow: hash before the transaction so it holds no lock meanwhile.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return prisma().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw duplicate(input.email);
    const user = await tx.user
      .create({ data: { email: input.email, name: input.name, role: input.role, senior: input.senior, passwordHash } })
      .catch((error: unknown) => {
        // Two requests for the same new email at once: the unique index answers for the second.
        if ((error as { code?: string }).code === "P2002") throw duplicate(input.email);
        throw error;
      });
    const dto: UserDto = {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      senior: user.senior,
      active: user.active,
      canSignIn: passwordHash !== null,
      createdAt: user.createdAt.toISOString(),
    };
    const after = { email: dto.email, name: dto.name, role: dto.role, senior: dto.senior, active: dto.active, canSignIn: dto.canSignIn };
    await recordAudit(tx, actor, { action: "user.created", entity: "User", entityId: user.id, after });
    return dto;
  });
}

export async function createApiToken(actor: Actor, userId: string, name: string): Promise<{ id: string; userId: string; name: string; token: string; createdAt: string }> {
  authorize(actor, "user:admin");
  const token = generateToken();
  return prisma().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, active: true } });
    if (!user) throw notFound(`User "${userId}"`);
    if (!user.active) throw new AppError("UNPROCESSABLE", `${user.email} is not active: a token would not work.`);
    const created = await tx.apiToken.create({ data: { userId: user.id, name, tokenHash: hashToken(token) } });
    await recordAudit(tx, actor, { action: "token.created", entity: "ApiToken", entityId: created.id, after: { userId: user.id, email: user.email, name } });
    return { id: created.id, userId: user.id, name, token, createdAt: created.createdAt.toISOString() };
  });
}
