import { describe, expect, it } from "vitest";
import { inputKind, LONE_SURROGATE, NUL, operationsOf, percentEncode, positionsOf, replaceAt, requestsFor, schedule, type FuzzContext, type FuzzRequest, type Operation } from "./inputs";

const context: FuzzContext = {
  pathValues: { "things/{id}": "thing-1" },
  teams: ["Platform"],
  environments: ["sandbox"],
  capabilities: ["repo:read"],
  tools: ["kiro-agent"],
  emails: ["reviewer@example.com"],
};

const document = {
  paths: {
    "/api/v1/things/{id}": {
      patch: {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        requestBody: {
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  title: { type: "string", minLength: 3 },
                  count: { type: "integer", minimum: 1 },
                  startedAt: {},
                  tags: { type: "array", items: { type: "string" } },
                },
                required: ["title"],
              },
            },
          },
        },
      },
    },
    "/api/v1/things": { get: { security: [], parameters: [{ name: "q", in: "query", schema: { type: "string" } }] } },
  },
};

const options = { seed: 7, runs: 5, auth: { kind: "token" as const, token: "t" }, probeMethods: true };

function bodies(operation: Operation): unknown[] {
  return requestsFor(operation, context, options)
    .filter((r) => r.body && r.headers["content-type"] === "application/json")
    .flatMap((r) => {
      try {
        const parsed: unknown = JSON.parse(r.body!.toString("utf8"));
        return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? [parsed] : [];
      } catch {
        return [];
      }
    });
}

// Generating a catalogue (1 MB strings, fast-check's first samples) takes seconds on a busy machine.
const SLOW = 30_000;

describe("the fuzz suite's inputs", () => {
  const [patch, list] = operationsOf(document);

  it("reads operations, their parameters and bodies from the OpenAPI document", () => {
    expect(patch).toMatchObject({ method: "PATCH", path: "/api/v1/things/{id}", anonymous: false });
    expect(patch.body?.["application/json"]).toBeDefined();
    expect(list).toMatchObject({ method: "GET", anonymous: true, parameters: [{ name: "q", in: "query" }] });
  });

  it("puts NUL and a lone surrogate in every string position of the body, one at a time", () => {
    const sent = bodies(patch) as Record<string, unknown>[];
    for (const spoilt of [NUL, LONE_SURROGATE]) {
      expect(sent.some((b) => typeof b.title === "string" && b.title.endsWith(spoilt) && b.count === 1)).toBe(true);
      expect(sent.some((b) => Array.isArray(b.tags) && String(b.tags[0]).endsWith(spoilt) && !String(b.title).endsWith(spoilt))).toBe(true);
    }
  }, SLOW);

  it("sends extreme dates to date fields, even those the schema cannot describe, and extreme numbers to numbers", () => {
    const sent = bodies(patch) as Record<string, unknown>[];
    expect(sent.map((b) => b.startedAt)).toEqual(expect.arrayContaining(["+275760-09-13T00:00:00Z", "0000-01-01T00:00:00Z", 8640000000000000, "20000-01-01"]));
    expect(sent.map((b) => b.count)).toEqual(expect.arrayContaining([1e308, -1, "NaN", 2 ** 53 + 1]));
  }, SLOW);

  it("spoils the path, the content type and the method, and calls as nobody", () => {
    const requests = requestsFor(patch, context, options);
    expect(requests[0]).toMatchObject({ label: "well-formed", target: "/api/v1/things/thing-1" });
    expect(requests.map((r) => r.target)).toEqual(expect.arrayContaining(["/api/v1/things/thing-1%00", "/api/v1/things/%ED%A0%80".replace("%ED", "thing-1%ED")]));
    expect(requests.map((r) => r.headers["content-type"])).toEqual(expect.arrayContaining(["text/plain", "application/x-www-form-urlencoded"]));
    expect(requests.some((r) => r.body && r.headers["content-type"] === undefined)).toBe(true);
    expect(requests.map((r) => r.method)).toEqual(expect.arrayContaining(["TRACE", "PROPFIND"]));
    expect(requests.some((r) => r.label === "anonymous" && r.headers.authorization === undefined)).toBe(true);
    expect(requests.some((r) => r.body?.toString().includes('"__proto__"'))).toBe(true);
  }, SLOW);

  it("draws the same random requests from the same seed, and others from another", () => {
    const random = (seed: number) => requestsFor(patch, context, { ...options, seed }).filter((r) => r.label.startsWith("random:")).map((r) => r.label);
    expect(random(7)).toHaveLength(5);
    expect(random(7)).toEqual(random(7));
    expect(random(8)).not.toEqual(random(7));
  }, SLOW);

  it("percent-encodes a lone surrogate as the bytes a naive encoder writes, and pairs as UTF-8", () => {
    expect(percentEncode(`a${LONE_SURROGATE}`)).toBe("a%ED%A0%80");
    expect(percentEncode("💥 /")).toBe(encodeURIComponent("💥 /"));
  });

  it("replaces or removes one position without touching the original", () => {
    const original = { a: [1, { b: "x" }], c: true };
    expect(replaceAt(original, ["a", 1, "b"], NUL)).toEqual({ a: [1, { b: NUL }], c: true });
    expect(replaceAt(original, ["c"], undefined)).toEqual({ a: [1, { b: "x" }] });
    expect(original).toEqual({ a: [1, { b: "x" }], c: true });
    expect(JSON.stringify(replaceAt(original, ["__proto__"], { polluted: true }))).toContain('"__proto__":{"polluted":true}');
    expect(replaceAt({ a: null }, ["a", "b"], 1)).toEqual({ a: { b: 1 } });
    expect(positionsOf(original).map((p) => p.path.join("."))).toEqual(["", "a", "a.0", "a.1", "a.1.b", "c"]);
  });

  it("sends every operation's well-formed request first, then the rest in turns, in an order fixed by the seed", () => {
    const request = (operation: string, label: string) => ({ operation, label }) as FuzzRequest;
    const a = ["well-formed", "a1", "a2", "a3"].map((label) => request("A", label));
    const b = ["well-formed", "b1"].map((label) => request("B", label));
    const order = schedule([a, b], 3).map((r) => `${r.operation}:${r.label}`);
    expect(order.slice(0, 2)).toEqual(["A:well-formed", "B:well-formed"]);
    expect(order.slice(2, 4).map((name) => name[0])).toEqual(["A", "B"]);
    expect([...order].sort()).toEqual(["A:a1", "A:a2", "A:a3", "A:well-formed", "B:b1", "B:well-formed"]);
    expect(schedule([a, b], 3)).toEqual(schedule([a, b], 3));
  });

  it("names the kind of input a request carries, for the report's groups", () => {
    expect(inputKind("body.name: NUL")).toBe("NUL");
    expect(inputKind("path {id}: lone surrogate")).toBe("lone surrogate");
    expect(inputKind('body.startedAt: date "0000-01-01T00:00:00Z"')).toBe("extreme date");
    expect(inputKind("method TRACE")).toBe("method TRACE");
    expect(inputKind("random: body.a=1")).toBe("random");
  });
});
