import "server-only";
import type { NextRequest } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { executeOperation } from "./execute";
import type { Operation, OperationHandler } from "./operation";
import { readBodyText } from "./read-json";

export type AppRouteHandler = ((request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>) & { operation: Operation };

/** An App Router route handler for one operation: `export const GET = appRoute(listTools, …)`. */
export function appRoute<O extends Operation>(operation: O, handler: OperationHandler<O>): AppRouteHandler {
  const route = async (request: NextRequest, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const answer = await executeOperation(operation, handler, {
      method: request.method,
      url: request.url,
      params: await context.params,
      header: (name) => request.headers.get(name) ?? undefined,
      readText: () => readBodyText(request),
      sessionActor: currentUser,
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
  return Object.assign(route, { operation });
}
