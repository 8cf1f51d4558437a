// /api/v1 operations served by the Pages Router: the same pipeline as the App Router's (execute.ts),
// on Node's request and response. Only for routes whose traffic is machine-made and high-volume
// (POST /api/v1/changes from CI/CD fleets, POST /api/v1/authorize from agent runtimes): per
// request, Next's Pages API pipeline costs this server about 0.4 ms of CPU where the App Router's
// route pipeline costs about 0.85 ms, which decides their latency targets at 50 concurrent clients
// (`npm run bench`).
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { NextApiRequest, NextApiResponse } from "next";
import { sessionUserOf } from "@/lib/auth/request-session";
import { AppError } from "@/lib/errors/app-error";
import { apiError } from "./error-body";
import { type ApiAnswer, executeOperation } from "./execute";
import { type HttpMethod, type Operation, type OperationContext, type OperationHandler, pathParamNames } from "./operation";
import { assertDeclaredLength, MAX_BODY_BYTES, tooLarge } from "./read-json";

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

function write(request: IncomingMessage, response: NextApiResponse, { status, headers, body }: ApiAnswer): void {
  response.statusCode = status;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  // Answered before the body was read to its end (too large): the connection cannot be reused.
  if (!request.complete) response.setHeader("connection", "close");
  if (body === null || typeof body === "string") response.end(body ?? undefined);
  else Readable.fromWeb(body as NodeReadableStream<Uint8Array>).pipe(response);
}

export interface BoundOperation<O extends Operation = Operation> {
  operation: O;
  handler: OperationHandler<O>;
  prefetch?: (body: unknown) => void;
}

/** Pairs an operation with its handler, for nodeRoute; `prefetch` gets the body while the caller is identified (executeOperation). */
export function bind<O extends Operation>(operation: O, handler: OperationHandler<O>, prefetch?: (body: OperationContext<O>["body"]) => void): BoundOperation {
  return { operation, handler: handler as unknown as OperationHandler<Operation>, prefetch: prefetch as ((body: unknown) => void) | undefined };
}

export type NodeRoute = ((request: NextApiRequest, response: NextApiResponse) => Promise<void>) & { operations: Operation[] };

/** The default export of a pages/api route: one bound operation per method it answers. */
export function nodeRoute(...bound: BoundOperation[]): NodeRoute {
  const byMethod = new Map<string, BoundOperation>(bound.map((entry) => [entry.operation.method, entry]));
  const methods = [...byMethod.keys()] as HttpMethod[];
  const route = async (request: NextApiRequest, response: NextApiResponse): Promise<void> => {
    const entry = byMethod.get(request.method ?? "");
    if (!entry) {
      response.setHeader("allow", methods.join(", "));
      const { status, body, headers } = apiError(new AppError("METHOD_NOT_ALLOWED", `Use ${methods.join(" or ")}.`));
      write(request, response, { status, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
      return;
    }
    const answer = await executeOperation(entry.operation, entry.handler, {
      method: request.method ?? "GET",
      url: request.url ?? "/",
      // Next merges a dynamic segment's value into the query; only the path's own names are parameters.
      params: Object.fromEntries(pathParamNames(entry.operation.path).map((name) => [name, String(request.query[name] ?? "")])),
      header: (name) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      },
      readText: () => readBody(request),
      sessionActor: () => sessionUserOf(request, response),
    }, entry.prefetch);
    write(request, response, answer);
  };
  return Object.assign(route, { operations: bound.map((entry) => entry.operation) });
}
