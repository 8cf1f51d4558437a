import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { prisma } from "@/lib/db/client";
import { coalesce, type Settled } from "@/lib/db/coalesce";
import { AppError } from "@/lib/errors/app-error";
import { hashToken } from "@/lib/auth/tokens";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";

type Params = Record<string, string>;
type Handler<P extends Params> = (context: { request: NextRequest; params: P; actor: Actor }) => Promise<unknown>;

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json({ error: { code: error.code, message: error.message, details: error.details ?? null } }, { status: error.status });
  }
  if (error instanceof ZodError) {
    const details = error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message }));
    const first = details[0];
    return NextResponse.json(
      { error: { code: "VALIDATION", message: first ? `${first.field || "body"}: ${first.message}` : "Invalid input", details } },
      { status: 400 },
    );
  }
  console.error(error);
  return NextResponse.json({ error: { code: "INTERNAL", message: "Unexpected server error", details: null } }, { status: 500 });
}

type TokenOwner = Actor & { active: boolean };

// Concurrent API requests share one lookup: the role and active flag are still read from the
// database for every request (none is answered from a cache), but not with a round trip each.
const ownersOfTokens = coalesce(async (tokenHashes: string[]): Promise<Settled<TokenOwner | undefined>[]> => {
  const rows = await prisma().$queryRaw<(TokenOwner & { tokenHash: string })[]>`
    SELECT t."tokenHash", u.id, u.email, u.name, u.role::text AS role, u.senior, u.active
    FROM "ApiToken" t JOIN "User" u ON u.id = t."userId" WHERE t."tokenHash" = ANY(${[...new Set(tokenHashes)]}::text[])`;
  const byHash = new Map(rows.map((row) => [row.tokenHash, row]));
  await noteTokensUsed(rows.map((row) => row.tokenHash));
  return tokenHashes.map((hash) => ({ value: byHash.get(hash) }));
});

// When each token was last used, for the People page (a forgotten or leaked token stands out). At
// most once a minute per token and process, so a busy CI/CD feed does not write on every request.
const TOKEN_USE_RESOLUTION_MS = 60_000;
const tokenUseNoted = new Map<string, number>();

async function noteTokensUsed(tokenHashes: string[]): Promise<void> {
  const now = Date.now();
  const due = tokenHashes.filter((hash) => now - (tokenUseNoted.get(hash) ?? 0) >= TOKEN_USE_RESOLUTION_MS);
  if (due.length === 0) return;
  for (const hash of due) tokenUseNoted.set(hash, now);
  await prisma().$executeRaw`UPDATE "ApiToken" SET "lastUsedAt" = now() AT TIME ZONE 'UTC' WHERE "tokenHash" = ANY(${due}::text[])`;
}

async function actorFromBearer(request: NextRequest): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return null;
  const user = await ownersOfTokens(hashToken(token));
  if (!user?.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, senior: user.senior };
}

// One wrapper for every /api/v1 route: resolves the bearer token (or the browser session), checks
// the permission the route declares, and maps thrown errors to the documented error body.
export function apiRoute<P extends Params = Params>(permission: Permission, handler: Handler<P>) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = request.headers.has("authorization") ? await actorFromBearer(request) : await currentUser();
      authorize(actor, permission);
      const result = await handler({ request, params: await context.params, actor });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
