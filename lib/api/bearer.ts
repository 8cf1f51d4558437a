// Bearer tokens of the API: who owns the token, with the role and active flag as they stand now.
import { prisma } from "@/lib/db/client";
import { coalesce, type Settled } from "@/lib/db/coalesce";
import { hashToken } from "@/lib/auth/tokens";
import { toActor, type Actor } from "@/lib/auth/actor";
import type { TokenScope } from "@/lib/generated/prisma/client";

type TokenOwner = Actor & { active: boolean; scope: TokenScope };

// Concurrent API requests share one lookup: the role and active flag are still read from the
// database for every request (none is answered from a cache), but not with a round trip each.
const ownersOfTokens = coalesce(async (tokenHashes: string[]): Promise<Settled<TokenOwner | undefined>[]> => {
  const rows = await prisma().$queryRaw<(TokenOwner & { tokenHash: string })[]>`
    SELECT t."tokenHash", t.scope::text AS scope, u.id, u.email, u.name, u.role::text AS role, u.senior, u.active
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

/**
 * The actor behind an `Authorization: Bearer …` header; null for a malformed, unknown or deactivated
 * one, and for a token of another scope: a SCIM token calls only /scim/v2, an API token never does.
 */
export async function actorFromAuthorization(header: string | null | undefined, scope: TokenScope = "API"): Promise<Actor | null> {
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return null;
  const user = await ownersOfTokens(hashToken(token));
  if (!user?.active || user.scope !== scope) return null;
  return toActor(user);
}
