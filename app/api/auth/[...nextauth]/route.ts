// GET /api/auth/* — next-auth: the session, CSRF token, providers, OIDC callbacks.
// POST /api/auth/* — next-auth: sign-in and sign-out; a credentials sign-in whose account or client
// address is locked gets 429 with Retry-After first (lib/auth/sign-in-guard.ts).
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { lockedSignInResponse } from "@/lib/auth/sign-in-guard";

export const { GET } = handlers;

export async function POST(request: NextRequest): Promise<Response> {
  return (await lockedSignInResponse(request, new Date())) ?? handlers.POST(request);
}
