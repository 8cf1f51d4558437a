// A webhook receiver on loopback for the tests and the bench: records every request it is sent and
// answers as the test says (a status, after a delay, or never).
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

export type Answer = { status: number; delayMs?: number; body?: string } | "hang";

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** How the next requests are answered (200 "ok" until told otherwise). */
  answer: (request: ReceivedRequest) => Answer;
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const hanging = new Set<import("node:http").ServerResponse>();
  const receiver: WebhookReceiver = {
    url: "",
    port: 0,
    received: [],
    answer: () => ({ status: 200, body: "ok" }),
    waitFor: (count) => (receiver.received.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const received = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), receivedAt: Date.now() };
      receiver.received.push(received);
      for (const waiter of waiters.filter((w) => receiver.received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const answer = receiver.answer(received);
      if (answer === "hang") {
        hanging.add(response);
        return;
      }
      setTimeout(() => response.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body ?? ""), answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  return receiver;
}
