// Calls a Next.js route handler as the router would, with an optional bearer token: an App Router
// handler in-process, a Pages Router API route (lib/api/node-route.ts) over a real local HTTP server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { NextApiRequest, NextApiResponse } from "next";
import { NextRequest } from "next/server";
import type { NodeRoute } from "@/lib/api/node-route";
import type { PrismaClient, TokenScope } from "@/lib/generated/prisma/client";
import { generateToken, hashToken } from "@/lib/auth/tokens";

type RouteHandler = (request: NextRequest, context: { params: Promise<any> }) => Promise<Response>;

export interface RouteCall {
  method?: string;
  path: string;
  token?: string;
  body?: unknown;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

const servers = new WeakMap<NodeRoute, Promise<string>>();

// One server per route for the test file's life; unref'd, so it never keeps the test process alive.
function serve(route: NodeRoute): Promise<string> {
  let origin = servers.get(route);
  if (!origin) {
    const server: Server = createServer((request, response) => void route(request as NextApiRequest, response as NextApiResponse));
    origin = new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
    server.unref();
    servers.set(route, origin);
  }
  return origin;
}

export async function callRoute(
  handler: RouteHandler | NodeRoute,
  { method = "GET", path, token, body, params = {}, headers: extraHeaders = {} }: RouteCall,
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const init = { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) };
  const response =
    "operations" in handler
      ? await fetch(new URL(path, await serve(handler)), init)
      : await handler(new NextRequest(new URL(path, "http://localhost"), init), { params: Promise.resolve(params) });
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("json");
  return { status: response.status, body: !text ? null : json ? JSON.parse(text) : text, headers: response.headers };
}

/** Issues an API (or SCIM) token for an existing user straight in the database (tests only). */
export async function tokenFor(db: PrismaClient, email: string, scope: TokenScope = "API"): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const token = generateToken();
  await db.apiToken.create({ data: { userId: user.id, name: "test", scope, tokenHash: hashToken(token) } });
  return token;
}
