import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { actorFromAuthorization } from "./bearer";
import { apiError } from "./error-body";

type Params = Record<string, string>;
type Handler<P extends Params> = (context: { request: NextRequest; params: P; actor: Actor }) => Promise<unknown>;

// One wrapper for every /api/v1 route: resolves the bearer token (or the browser session), checks
// the permission the route declares, and maps thrown errors to the documented error body.
export function apiRoute<P extends Params = Params>(permission: Permission, handler: Handler<P>) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const authorization = request.headers.get("authorization");
      const actor = authorization !== null ? await actorFromAuthorization(authorization) : await currentUser();
      authorize(actor, permission);
      const result = await handler({ request, params: await context.params, actor });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      const { status, body } = apiError(error);
      return NextResponse.json(body, { status });
    }
  };
}
