// The one wrapper of every /scim/v2 route handler: only a SCIM token (of a person who is still an
// admin) gets in, never a session cookie or an API token; bodies are read at the API's size limit as
// JSON (application/scim+json or application/json); every answer is application/scim+json, errors
// in SCIM's format.
import type { NextRequest } from "next/server";
import { actorFromAuthorization } from "@/lib/api/bearer";
import { assertJsonContentType, parseJson, readBodyText } from "@/lib/api/read-json";
import { assertSafeUrl } from "@/lib/api/request-guard";
import { authorize, type Actor } from "@/lib/auth/actor";
import { findingsCaughtUp } from "@/lib/data/finding-evaluator";
import { AppError } from "@/lib/errors/app-error";
import { ScimError, scimError } from "./errors";

export const SCIM_MEDIA_TYPE = "application/scim+json";

export interface ScimContext {
  actor: Actor;
  params: Record<string, string>;
  searchParams: URLSearchParams;
  /** The body, parsed as JSON; refused with SCIM's invalidSyntax when it is not JSON. */
  json: () => Promise<unknown>;
}

export interface ScimReply {
  status?: 200 | 201 | 204;
  body?: unknown;
  location?: string;
}

type RouteContext = { params: Promise<Record<string, string>> };
export type ScimRouteHandler = ((request: NextRequest, context: RouteContext) => Promise<Response>) & { scim: true };

async function scimActor(request: NextRequest): Promise<Actor> {
  const authorization = request.headers.get("authorization");
  const actor = authorization ? await actorFromAuthorization(authorization, "SCIM") : null;
  if (!actor) throw new ScimError(401, undefined, "Send a SCIM token as `Authorization: Bearer …` (an admin issues one on the People page); API tokens and browser sessions are not accepted here.");
  authorize(actor, "user:admin");
  return actor;
}

async function readJsonBody(request: NextRequest): Promise<unknown> {
  assertJsonContentType(request.headers.get("content-type"));
  const text = await readBodyText(request);
  try {
    return parseJson(text);
  } catch (error) {
    if (error instanceof AppError) throw new ScimError(400, "invalidSyntax", error.message);
    throw error;
  }
}

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { ...(body !== undefined && { "content-type": SCIM_MEDIA_TYPE }), ...headers } });

export function scimRoute(handler: (context: ScimContext) => Promise<ScimReply>): ScimRouteHandler {
  const route = async (request: NextRequest, context: RouteContext): Promise<Response> => {
    try {
      assertSafeUrl(request.url);
      const actor = await scimActor(request);
      const reply = await handler({ actor, params: await context.params, searchParams: new URL(request.url).searchParams, json: () => readJsonBody(request) });
      if (request.method !== "GET") await findingsCaughtUp();
      const status = reply.status ?? 200;
      return answer(status, status === 204 ? undefined : reply.body, reply.location ? { location: reply.location } : {});
    } catch (error) {
      const { status, body } = scimError(error);
      return answer(status, body, status === 401 ? { "www-authenticate": 'Bearer realm="scim"' } : {});
    }
  };
  return Object.assign(route, { scim: true as const });
}
