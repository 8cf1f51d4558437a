import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { actorFromAuthorization } from "./bearer";
import { apiError } from "./error-body";
import { unsafeTextIssue } from "@/lib/validation/safe-text";
import { AppError } from "@/lib/errors/app-error";
import { assertSameOrigin, assertSafeUrl } from "./request-guard";

type Params = Record<string, string>;
type Handler<P extends Params> = (context: { request: NextRequest; params: P; actor: Actor }) => Promise<unknown>;

// Query values and path segments reach data functions as text: refuse what the database cannot store.
function assertSafeInput(request: NextRequest, params: Params): void {
  assertSafeUrl(request.url);
  const issue = unsafeTextIssue(params) ?? unsafeTextIssue(Object.fromEntries(request.nextUrl.searchParams));
  if (issue) throw new AppError("VALIDATION", `${issue.field}: ${issue.message}`, [issue]);
}

async function actorOf(request: NextRequest): Promise<Actor | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) return actorFromAuthorization(authorization);
  const actor = await currentUser();
  if (actor) assertSameOrigin(request.method, (name) => request.headers.get(name));
  return actor;
}

// One wrapper for every /api/v1 route: checks the input's text, resolves the bearer token (or the
// browser session, whose writes must be same-origin), checks the permission the route declares, and
// maps thrown errors to the documented error body.
export function apiRoute<P extends Params = Params>(permission: Permission, handler: Handler<P>) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = await context.params;
      assertSafeInput(request, params);
      const actor = await actorOf(request);
      authorize(actor, permission);
      const result = await handler({ request, params, actor });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      const { status, body, headers } = apiError(error);
      return NextResponse.json(body, { status, headers });
    }
  };
}
