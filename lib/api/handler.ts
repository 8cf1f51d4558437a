import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { prisma } from "@/lib/db/client";
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

async function actorFromBearer(request: NextRequest): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return null;
  const record = await prisma().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!record?.user.active) return null;
  const { user } = record;
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
