// /api/v1 routes served by the Pages Router: the same bearer tokens and sessions, permission table,
// zod schemas and error body as apiRoute (lib/api/handler.ts), on Node's request and response.
// Only for routes whose traffic is machine-made and high-volume (POST /api/v1/changes from CI/CD
// fleets): per request, Next's Pages API pipeline costs this server about 0.4 ms of CPU where the
// App Router's route pipeline costs about 0.85 ms, which decides the ingestion latency target at
// 50 concurrent clients (`npm run bench`).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextApiRequest, NextApiResponse } from "next";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { sessionUserOf } from "@/lib/auth/request-session";
import { AppError } from "@/lib/errors/app-error";
import { actorFromAuthorization } from "./bearer";
import { apiError } from "./error-body";
import { assertDeclaredLength, assertJsonContentType, MAX_BODY_BYTES, parseJson, tooLarge } from "./read-json";
import { assertSameOrigin, assertSafeUrl } from "./request-guard";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface NodeRouteContext {
  url: URL;
  actor: Actor;
  /** The request body parsed as JSON; a 400 naming the problem when it is not JSON. */
  json: () => Promise<unknown>;
}

export interface JsonReply {
  status: number;
  body: unknown;
}

interface MethodHandler {
  permission: Permission;
  handle: (context: NodeRouteContext) => Promise<JsonReply>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  assertDeclaredLength(request.headers["content-length"]);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function reply(response: ServerResponse, { status, body, headers = {} }: JsonReply & { headers?: Record<string, string> }): void {
  response.statusCode = status;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.setHeader("content-type", "application/json");
  response.end(JSON.stringify(body));
}

async function actorOf(request: NextApiRequest, response: NextApiResponse): Promise<Actor | null> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) return actorFromAuthorization(authorization);
  const actor = await sessionUserOf(request, response);
  if (actor) assertSameOrigin(request.method, (name) => request.headers[name]);
  return actor;
}

export type NodeRoute = ((request: NextApiRequest, response: NextApiResponse) => Promise<void>) & { methods: Method[] };

export function nodeApiRoute(handlers: Partial<Record<Method, MethodHandler>>): NodeRoute {
  const methods = Object.keys(handlers) as Method[];
  const route = async (request: NextApiRequest, response: NextApiResponse): Promise<void> => {
    try {
      const handler = handlers[request.method as Method];
      if (!handler) {
        response.setHeader("allow", methods.join(", "));
        throw new AppError("METHOD_NOT_ALLOWED", `Use ${methods.join(" or ")}.`);
      }
      assertSafeUrl(request.url ?? "/");
      const actor = await actorOf(request, response);
      authorize(actor, handler.permission);
      const url = new URL(request.url ?? "/", "http://localhost");
      const json = async () => {
        assertJsonContentType(request.headers["content-type"]);
        return parseJson(await readBody(request));
      };
      reply(response, await handler.handle({ url, actor, json }));
    } catch (error) {
      // Answered before the body was read to its end (too large): the connection cannot be reused.
      if (!request.complete) response.setHeader("connection", "close");
      reply(response, apiError(error));
    }
  };
  return Object.assign(route, { methods });
}
