// Calls a Next.js route handler in-process, as the router would, with an optional bearer token.
import { NextRequest } from "next/server";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { generateToken, hashToken } from "@/lib/auth/tokens";

type RouteHandler = (request: NextRequest, context: { params: Promise<any> }) => Promise<Response>;

export interface RouteCall {
  method?: string;
  path: string;
  token?: string;
  body?: unknown;
  params?: Record<string, string>;
}

export async function callRoute(handler: RouteHandler, { method = "GET", path, token, body, params = {} }: RouteCall): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new NextRequest(new URL(path, "http://localhost"), {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("json");
  return { status: response.status, body: !text ? null : json ? JSON.parse(text) : text };
}

/** Issues an API token for an existing user straight in the database (tests only). */
export async function tokenFor(db: PrismaClient, email: string): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const token = generateToken();
  await db.apiToken.create({ data: { userId: user.id, name: "test", tokenHash: hashToken(token) } });
  return token;
}
