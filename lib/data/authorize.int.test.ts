// POST /api/v1/authorize on a real Postgres seeded with the demo register.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import authorizeRoute from "@/pages/api/v1/authorize";
import { startDecisionListener } from "@/lib/api/decision-listener";
import { callRoute } from "@/lib/test/route-client";
import { actorsFor, tokensFor, withSeededDatabase } from "@/lib/test/seeded-database";
import { createEnvironment, updateTool } from "@/lib/data/catalog";
import { revokeGrant } from "@/lib/data/grants";

let tokens: Record<"viewer", string>;
const seeded = withSeededDatabase("authorize", async ({ db }) => {
  tokens = await tokensFor(db, ["viewer"]);
});

const ask = (body: unknown) => callRoute(authorizeRoute, { method: "POST", path: "/api/v1/authorize", token: tokens.viewer, body });
const codes = async (body: unknown) => {
  const answer = await ask(body);
  expect(answer.status).toBe(200);
  return (answer.body.reasons as { code: string }[]).map((r) => r.code);
};

async function deniedCount(tool: string, environment: string): Promise<number> {
  const row = await seeded.db.deniedAttempt.findFirst({ where: { tool: { slug: tool }, environment: { name: environment } } });
  return row?.count ?? 0;
}

describe("POST /api/v1/authorize", () => {
  it("refuses kiro-agent in prod-us-east above its incident ceiling, and what its grant lacks, in the words of the findings", async () => {
    const answer = await ask({ tool: "kiro-agent", environment: "prod-us-east", mode: "AGENT", capabilities: ["repo:read", "env:delete"] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ allowed: false, effectiveAutonomy: "SUGGEST", grant: { maxAutonomy: "AGENT" }, ceiling: { autonomy: "SUGGEST", incident: "INC-2041" } });
    expect(answer.body.reasons).toEqual([
      { code: "CAPABILITY_NOT_GRANTED", message: "kiro-agent asks for env:delete in prod-us-east, which its grant does not allow" },
      { code: "MODE_ABOVE_CEILING", message: expect.stringMatching(/^kiro-agent asks to act as AGENT in prod-us-east but is capped at SUGGEST until \d{4}-\d\d-\d\d because it triggered SEV1 incident INC-2041/) },
    ]);
    expect(await codes({ tool: "kiro-agent", environment: "prod-us-east", mode: "SUGGEST", capabilities: ["repo:read"] })).toEqual([]);
    expect(await codes({ tool: "kiro-agent", environment: "prod-us-east", mode: "AUTONOMOUS" })).toEqual(["MODE_ABOVE_GRANT", "MODE_ABOVE_CEILING"]);
  });

  it("judges at the time asked: the ceiling lifts when the incident leaves the window, the grant ends at its expiry", async () => {
    const allowed = await ask({ tool: "kiro-agent", environment: "prod-us-east", mode: "SUGGEST" });
    const until = new Date(allowed.body.ceiling.until);
    const expiresAt = new Date(allowed.body.grant.expiresAt);
    expect(await codes({ tool: "kiro-agent", environment: "prod-us-east", mode: "AGENT", at: new Date(until.getTime() - 1).toISOString() })).toEqual(["MODE_ABOVE_CEILING"]);
    expect(await codes({ tool: "kiro-agent", environment: "prod-us-east", mode: "AGENT", at: until.toISOString() })).toEqual([]);
    expect(await codes({ tool: "kiro-agent", environment: "prod-us-east", mode: "AGENT", at: new Date(expiresAt.getTime() - 1).toISOString() })).toEqual([]);
    expect(await codes({ tool: "kiro-agent", environment: "prod-us-east", mode: "AGENT", at: expiresAt.toISOString() })).toEqual(["GRANT_EXPIRED"]);
  });

  it("refuses a suspended tool, a revoked or expired grant, and no grant at all", async () => {
    expect(await codes({ tool: "runbook-runner", environment: "shared-k8s", mode: "SUGGEST" })).toEqual(["TOOL_NOT_ACTIVE", "GRANT_REVOKED"]);
    expect(await codes({ tool: "terraformer-ai", environment: "control-plane", mode: "SUGGEST" })).toEqual(["GRANT_EXPIRED"]);
    expect(await codes({ tool: "nimbus-autofix", environment: "prod-us-east", mode: "SUGGEST" })).toEqual(["NO_VALID_GRANT"]);
  });

  it("counts each denial per tool × environment without an audit event, and not an allowed call", async () => {
    const auditBefore = await seeded.db.auditEvent.count();
    const before = await deniedCount("nimbus-autofix", "staging");
    await ask({ tool: "nimbus-autofix", environment: "staging", mode: "AGENT" });
    await ask({ tool: "nimbus-autofix", environment: "staging", mode: "AGENT" });
    expect(await deniedCount("nimbus-autofix", "staging")).toBe(before + 2);
    const allowedBefore = await deniedCount("kiro-agent", "staging");
    expect(await codes({ tool: "kiro-agent", environment: "staging", mode: "AGENT", capabilities: ["repo:read"] })).toEqual([]);
    expect(await deniedCount("kiro-agent", "staging")).toBe(allowedBefore);
    expect(await seeded.db.auditEvent.count()).toBe(auditBefore);
    // A what-if about another time is not an attempt.
    await ask({ tool: "nimbus-autofix", environment: "staging", mode: "AGENT", at: "2030-01-01T00:00:00Z" });
    expect(await deniedCount("nimbus-autofix", "staging")).toBe(before + 2);
  });

  it("refuses a caller without a valid token before it judges or counts anything, whatever the body", async () => {
    const before = await deniedCount("nimbus-autofix", "staging");
    const question = { tool: "nimbus-autofix", environment: "staging", mode: "AGENT" };
    const anonymous = await callRoute(authorizeRoute, { method: "POST", path: "/api/v1/authorize", body: question });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).not.toHaveProperty("allowed");
    expect((await callRoute(authorizeRoute, { method: "POST", path: "/api/v1/authorize", token: "grr_not-a-token", body: { tool: 7 } })).status).toBe(401);
    expect(await deniedCount("nimbus-autofix", "staging")).toBe(before);
  });

  it("answers 404 naming an unknown tool or environment, and 400 naming a bad field (the authorization matrix holds it to every role)", async () => {
    const tool = await ask({ tool: "no-such-tool", environment: "staging", mode: "AGENT" });
    expect(tool.status).toBe(404);
    expect(tool.body.error.message).toBe('Tool "no-such-tool" not found');
    const environment = await ask({ tool: "kiro-agent", environment: "mars", mode: "AGENT" });
    expect(environment.status).toBe(404);
    expect(environment.body.error.message).toBe('Environment "mars" not found');
    for (const [body, field] of [
      [{ tool: "kiro-agent", environment: "staging", mode: "GODMODE" }, "mode"],
      [{ environment: "staging", mode: "AGENT" }, "tool"],
      [{ tool: "kiro-agent", environment: "staging", mode: "AGENT", capabilities: "repo:read" }, "capabilities"],
      [{ tool: "kiro-agent", environment: "staging", mode: "AGENT", at: "20000-01-01T00:00:00Z" }, "at"],
    ] as const) {
      const answer = await ask(body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain(field);
    }
  });

  it("answers fifty questions asked at once each with its own pair's decision, and counts every denial among them", async () => {
    const questions = [
      { tool: "kiro-agent", environment: "prod-us-east", mode: "SUGGEST" },
      { tool: "kiro-agent", environment: "prod-us-east", mode: "AGENT" },
      { tool: "nimbus-autofix", environment: "prod-us-east", mode: "SUGGEST" },
      { tool: "runbook-runner", environment: "shared-k8s", mode: "SUGGEST" },
      { tool: "no-such-tool", environment: "staging", mode: "SUGGEST" },
    ];
    const one = async (question: (typeof questions)[number]) => {
      const answer = await ask(question);
      return { status: answer.status, codes: answer.status === 200 ? answer.body.reasons.map((r: { code: string }) => r.code) : answer.body.error.message };
    };
    const alone: Awaited<ReturnType<typeof one>>[] = [];
    for (const question of questions) alone.push(await one(question));
    const denied = { nimbus: await deniedCount("nimbus-autofix", "prod-us-east"), kiro: await deniedCount("kiro-agent", "prod-us-east") };
    const together = await Promise.all(Array.from({ length: 50 }, (_, i) => one(questions[i % questions.length])));
    together.forEach((answer, i) => expect(answer).toEqual(alone[i % questions.length]));
    expect(await deniedCount("nimbus-autofix", "prod-us-east")).toBe(denied.nimbus + 10);
    expect(await deniedCount("kiro-agent", "prod-us-east")).toBe(denied.kiro + 10);
  });
});

describe("the decision listener (DECISION_PORT)", () => {
  let base = "";
  let close: () => Promise<void>;
  beforeAll(async () => {
    const server = await startDecisionListener(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  const post = (path: string, body: unknown, token: string | null = tokens.viewer) =>
    fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

  it("answers POST /api/v1/authorize exactly as the app's port does: the decision, the refusals, the token check", async () => {
    for (const question of [
      { tool: "kiro-agent", environment: "prod-us-east", mode: "AGENT", capabilities: ["repo:read", "env:delete"] },
      { tool: "kiro-agent", environment: "staging", mode: "AGENT", capabilities: ["repo:read"] },
      { tool: "kiro-agent", environment: "mars", mode: "AGENT" },
      { tool: "kiro-agent", environment: "staging", mode: "GODMODE" },
    ]) {
      const listener = await post("/api/v1/authorize", question);
      const app = await ask(question);
      expect(listener.status).toBe(app.status);
      expect(await listener.json()).toEqual(JSON.parse(JSON.stringify(app.body)));
    }
    expect((await post("/api/v1/authorize", { tool: "kiro-agent", environment: "staging", mode: "AGENT" }, null)).status).toBe(401);
    expect((await post("/api/v1/authorize", { tool: "kiro-agent", environment: "staging", mode: "AGENT" }, "not-a-token")).status).toBe(401);
  });

  it("serves nothing else: another path is a 404, another method a 405, a broken body a 400", async () => {
    const other = await post("/api/v1/tools", {});
    expect(other.status).toBe(404);
    expect((await other.json()).error.code).toBe("NOT_FOUND");
    const get = await fetch(`${base}/api/v1/authorize`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const broken = await fetch(`${base}/api/v1/authorize`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${tokens.viewer}` }, body: '{"tool": "kiro' });
    expect(broken.status).toBe(400);
    expect(broken.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("answers after writes", () => {
  it("answers from the register as each write leaves it, though the pair was asked about just before", async () => {
    const { admin } = await actorsFor(seeded.db, ["admin"]);
    const question = { tool: "kiro-agent", environment: "staging", mode: "AGENT", capabilities: ["repo:read"] };
    const before = await ask(question);
    expect(before.body).toMatchObject({ allowed: true, grant: { id: expect.any(String) } });
    await revokeGrant(admin, before.body.grant.id, "Revoked while its answer was fresh");
    expect(await codes(question)).toEqual(["GRANT_REVOKED"]);

    expect((await ask({ tool: "nimbus-autofix", environment: "lab-7", mode: "SUGGEST" })).status).toBe(404);
    await createEnvironment(admin, { name: "lab-7", tier: "SANDBOX", dataSensitivity: "NONE", criticalPath: false, description: "" });
    expect(await codes({ tool: "nimbus-autofix", environment: "lab-7", mode: "SUGGEST" })).toEqual(["NO_VALID_GRANT"]);

    expect(await codes({ tool: "nimbus-autofix", environment: "lab-7", mode: "SUGGEST" })).not.toContain("TOOL_NOT_ACTIVE");
    await updateTool(admin, "nimbus-autofix", { status: "SUSPENDED" });
    expect(await codes({ tool: "nimbus-autofix", environment: "lab-7", mode: "SUGGEST" })).toEqual(["TOOL_NOT_ACTIVE", "NO_VALID_GRANT"]);
  });
});
