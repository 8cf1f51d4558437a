// A real HTTP server on loopback in front of some of the app's App Router route handlers, for tests
// that run a command-line client (the scan, a CI step) against the register as it would run in CI.
// The handlers run in the test process, on the test's database; the client is a child process.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { NextApiRequest, NextApiResponse } from "next";
import { NextRequest } from "next/server";
import type { NodeRoute } from "@/lib/api/node-route";

type RouteHandler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", RouteHandler>>;

/** `/api/v1/discovery/runs/{id}` and the module that answers it (a Pages Router route's default export too). */
export type MountedRoute = [pattern: string, module: RouteModule | NodeRoute];

function matcher(pattern: string): (path: string) => Record<string, string> | null {
  const names: string[] = [];
  const source = pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  const regex = new RegExp(`^${source}$`);
  return (path) => {
    const match = regex.exec(path);
    return match ? Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])])) : null;
  };
}

async function bodyOf(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

export async function serveRoutes(routes: MountedRoute[]): Promise<{ origin: string; close: () => Promise<void> }> {
  const mounted = routes.map(([pattern, module]) => ({ match: matcher(pattern), module }));
  const server: Server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const found = mounted.map((r) => ({ params: r.match(url.pathname), module: r.module })).find((r) => r.params);
      if (found && typeof found.module === "function") {
        await found.module(request as NextApiRequest, response as NextApiResponse);
        return;
      }
      const handler = (found?.module as RouteModule | undefined)?.[request.method as keyof RouteModule];
      if (!found || !handler) {
        response.writeHead(found ? 405 : 404).end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
      const body = await bodyOf(request);
      const answer = await handler(new NextRequest(url, { method: request.method, headers, body: body ? new Uint8Array(body) : undefined }), { params: Promise.resolve(found.params!) });
      response.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
      response.end(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
