// The decision point on a port of its own (DECISION_PORT): a plain Node HTTP server in the app's own
// process that answers POST /api/v1/authorize with the same handler, operation, token check and
// validation as the app's port, and nothing else. Next.js's routing costs a request far more CPU than
// the decision (npm run bench, two cores: about 850 answers a second on the app's port, 4,800 here);
// an agent runtime asks before every action, so its questions skip that. It holds no state of its
// own: every answer reads the database after the question arrived.
import { createServer, type Server } from "node:http";
import type { NextApiRequest, NextApiResponse } from "next";
import { AppError } from "@/lib/errors/app-error";
import { apiError } from "./error-body";
import { authorizeRoute } from "./decision-route";

const AUTHORIZE_PATH = "/api/v1/authorize";

function answerError(response: import("node:http").ServerResponse, error: AppError): void {
  const { status, body, headers } = apiError(error);
  response.writeHead(status, { ...headers, "content-type": "application/json" }).end(JSON.stringify(body));
}

const listening = globalThis as unknown as { decisionListener?: Promise<Server> };

/** Starts the listener once per process (a development server's reload calls this again). */
export function startDecisionListener(port: number): Promise<Server> {
  listening.decisionListener ??= listen(port);
  return listening.decisionListener;
}

function listen(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    response.setHeader("x-content-type-options", "nosniff");
    response.setHeader("cache-control", "no-store");
    const path = (request.url ?? "/").split("?")[0];
    if (path !== AUTHORIZE_PATH) {
      answerError(response, new AppError("NOT_FOUND", `${path} is not served here: this port answers POST ${AUTHORIZE_PATH} only; the register is on its main port.`));
      return;
    }
    // The handler reads only Node's request and response; Next's extras are a query it does not use here.
    authorizeRoute(Object.assign(request, { query: {} }) as unknown as NextApiRequest, response as NextApiResponse).catch((error: unknown) => {
      console.error("The decision listener failed to answer:", error);
      if (!response.headersSent) answerError(response, new AppError("DATABASE_UNAVAILABLE", "The decision point could not answer; ask again."));
      else response.destroy();
    });
  });
  // Agent runtimes keep their connection; a shorter idle timeout than theirs would drop it under them.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve(server));
  });
}
