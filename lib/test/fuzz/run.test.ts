// The fuzz runner against a small stand-in server, so that what it must catch is known: a 5xx on
// NUL, and a refused request that still wrote.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Fingerprinter } from "./fingerprint";
import type { FuzzContext } from "./inputs";
import { curlFor, failed, fuzzApi, report } from "./run";

const document = {
  paths: {
    "/api/v1/things": {
      post: {
        requestBody: { content: { "application/json": { schema: { type: "object", properties: { title: { type: "string" } }, required: ["title"] } } } },
      },
    },
  },
};

const context: FuzzContext = { pathValues: {}, teams: [], environments: [], capabilities: [], tools: [], emails: [] };

function standIn(bugs: { nulIs500: boolean; refusedWrites: boolean }) {
  let rows = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const answer = (status: number, body: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (request.url === "/api/v1/openapi.json") return answer(200, document);
      if (request.method !== "POST") return answer(405, { error: { code: "METHOD_NOT_ALLOWED", message: "no" } });
      let body: { title?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return answer(400, { error: { code: "VALIDATION", message: "not JSON" } });
      }
      const title = body?.title;
      if (typeof title === "string" && title.includes("\u0000")) {
        return bugs.nulIs500 ? answer(500, { error: { code: "INTERNAL", message: "boom" } }) : answer(400, { error: { code: "VALIDATION", message: "NUL" } });
      }
      if (typeof title !== "string") {
        if (bugs.refusedWrites) rows += 1;
        return answer(400, { error: { code: "VALIDATION", message: "title" } });
      }
      rows += 1;
      return answer(201, { title });
    });
  });
  const fingerprint: Fingerprinter = { describes: "rows", take: async () => new Map([["Thing", String(rows)]]), close: async () => {} };
  return { server, fingerprint };
}

let running: http.Server | undefined;
afterEach(() => {
  running?.close();
  running = undefined;
});

async function fuzzStandIn(bugs: { nulIs500: boolean; refusedWrites: boolean }) {
  const { server, fingerprint } = standIn(bugs);
  running = server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const result = await fuzzApi({ base, token: "secret-token", seed: 1, runs: 10, seconds: 60, fingerprint, context, log: () => {} });
  return { base, result };
}

describe("the fuzz runner", () => {
  it("fails on a 5xx and on a refused request that changed rows, saying which and how to send it again", async () => {
    const { base, result } = await fuzzStandIn({ nulIs500: true, refusedWrites: true });
    expect(failed(result)).toBe(true);
    expect(result.serverErrors).toBeGreaterThan(0);
    expect(result.changedByRefused).toBeGreaterThan(0);
    const serverError = result.failures.find((f) => f.kind === "5xx");
    expect(serverError).toMatchObject({ key: "POST /api/v1/things 500 INTERNAL on NUL", request: { label: "body.title: NUL" } });
    expect(result.failures.find((f) => f.kind === "changed rows")).toMatchObject({ tables: ["Thing"], answer: { status: 400 } });
    const curl = curlFor(base, serverError!.request, "secret-token");
    expect(curl).toContain('-H "authorization: Bearer $TOKEN"');
    expect(curl).toContain("\\u0000");
    const lines = report(result, base, "secret-token");
    expect(lines.at(-1)).toMatch(/^fuzz: \d+ requests, [1-9]\d* 5xx, [1-9]\d* refused writes changed rows$/);
    expect(lines.join("\n")).not.toContain("secret-token");
  }, 30_000);

  it("passes a server that refuses every malformed request without writing", async () => {
    const { result } = await fuzzStandIn({ nulIs500: false, refusedWrites: false });
    expect(result.sent).toBeGreaterThan(20);
    expect(result.statuses.get("201")).toBeGreaterThan(0);
    expect(result.failures).toEqual([]);
    expect(failed(result)).toBe(false);
  }, 30_000);
});
