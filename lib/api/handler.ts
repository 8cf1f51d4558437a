import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { actorFromAuthorization } from "./bearer";
import { apiError } from "./error-body";
import { assertSameOrigin, assertSafeUrl } from "./request-guard";

type Params = Record<string, string>;
type Handler<P extends Params> = (context: { request: NextRequest; params: P; actor: Actor }) => Promise<unknown>;

async function actorOf(request: NextRequest): Promise<Actor | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) return actorFromAuthorization(authorization);
  const actor = await currentUser();
  if (actor) assertSameOrigin(request.method, (name) => request.headers.get(name));
  return actor;
}

// One wrapper for every /api/v1 route: refuses a NUL in the URL, resolves the bearer token (or the
// browser session, whose writes must be same-origin), checks the permission the route declares, and
// maps thrown errors to the documented error body.
export function apiRoute<P extends Params = Params>(permission: Permission, handler: Handler<P>) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      // Also behind proxy.ts, so that a route is safe whatever the proxy's matcher says.
      assertSafeUrl(request.url);
      const params = await context.params;
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
