import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventPayload, newEventId, registerUrl, subscriptionWants, TEST_EVENT_TYPE, type EventSubject, type RegisterEvent, type SubscriptionFilter } from "./events";

const filter = (overrides: Partial<SubscriptionFilter> = {}): SubscriptionFilter => ({ eventTypes: [], minSeverity: null, tools: [], environments: [], teams: [], ...overrides });

describe("subscriptionWants", () => {
  const event = (overrides: Partial<EventSubject> & { type?: string } = {}) => ({ type: "finding.opened", ...overrides });

  it("an empty filter matches every event", () => {
    expect(subscriptionWants(filter(), event({ tool: "copilot", environment: "prod", team: "platform", severity: "LOW" }))).toBe(true);
    expect(subscriptionWants(filter(), event({ type: "policy.changed" }))).toBe(true);
  });

  it.each([
    ["a listed type passes", filter({ eventTypes: ["finding.opened", "grant.decided"] }), event(), true],
    ["an unlisted type is held back", filter({ eventTypes: ["grant.decided"] }), event(), false],
    ["a lower severity is held back", filter({ minSeverity: "HIGH" }), event({ severity: "MEDIUM" }), false],
    ["an equal severity passes", filter({ minSeverity: "HIGH" }), event({ severity: "HIGH" }), true],
    ["a higher severity passes", filter({ minSeverity: "HIGH" }), event({ severity: "CRITICAL" }), true],
    ["an event without severity passes a minimum", filter({ minSeverity: "CRITICAL" }), event(), true],
    ["a listed tool passes", filter({ tools: ["copilot", "cursor"] }), event({ tool: "cursor" }), true],
    ["another tool is held back", filter({ tools: ["copilot"] }), event({ tool: "cursor" }), false],
    ["an event without a tool passes a tool filter", filter({ tools: ["copilot"] }), event(), true],
    ["a listed environment passes", filter({ environments: ["prod"] }), event({ environment: "prod" }), true],
    ["another environment is held back", filter({ environments: ["prod"] }), event({ environment: "staging" }), false],
    ["an event without an environment passes an environment filter", filter({ environments: ["prod"] }), event(), true],
    ["a listed team passes", filter({ teams: ["platform"] }), event({ team: "platform" }), true],
    ["another team is held back", filter({ teams: ["platform"] }), event({ team: "data" }), false],
    ["an event without a team passes a team filter", filter({ teams: ["platform"] }), event(), true],
    ["every filter must pass", filter({ tools: ["copilot"], teams: ["platform"] }), event({ tool: "copilot", team: "data" }), false],
  ])("%s", (_, f, e, expected) => {
    expect(subscriptionWants(f, e)).toBe(expected);
  });

  it("the test event passes every filter", () => {
    const strict = filter({ eventTypes: ["grant.decided"], minSeverity: "CRITICAL", tools: ["copilot"], environments: ["prod"], teams: ["platform"] });
    expect(subscriptionWants(strict, { type: TEST_EVENT_TYPE, severity: "LOW", tool: "cursor", environment: "dev", team: "data" })).toBe(true);
  });
});

describe("eventPayload", () => {
  const event: RegisterEvent = {
    type: "finding.opened",
    at: new Date("2026-03-01T12:34:56.789Z"),
    summary: "Copilot in prod: a HIGH finding opened",
    subject: { tool: "copilot", environment: "prod", team: "platform", severity: "HIGH" },
    links: { finding: "/findings/f1", tool: "/tools/copilot" },
    details: { findingId: "f1", rule: "no-pii" },
  };

  it("sends {type, timestamp, data} with the subject, the details and absolute links", () => {
    expect(eventPayload(event, "https://register.example.com")).toEqual({
      type: "finding.opened",
      timestamp: "2026-03-01T12:34:56.789Z",
      data: {
        summary: "Copilot in prod: a HIGH finding opened",
        tool: "copilot",
        environment: "prod",
        team: "platform",
        severity: "HIGH",
        findingId: "f1",
        rule: "no-pii",
        links: { finding: "https://register.example.com/findings/f1", tool: "https://register.example.com/tools/copilot" },
      },
    });
  });

  it("keeps empty links an empty object", () => {
    expect(eventPayload({ ...event, links: {} }, "https://register.example.com").data.links).toEqual({});
  });
});

describe("newEventId", () => {
  it("is msg_ and 32 hex digits, new on every call", () => {
    const ids = Array.from({ length: 200 }, newEventId);
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("registerUrl", () => {
  const names = ["REGISTER_URL", "AUTH_URL"] as const;
  let saved: Record<string, string | undefined>;
  const setEnv = (values: Partial<Record<(typeof names)[number], string>>) => {
    for (const name of names) {
      if (values[name] === undefined) delete process.env[name];
      else process.env[name] = values[name];
    }
  };

  beforeEach(() => {
    saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  });
  afterEach(() => {
    setEnv(saved);
  });

  it.each([
    ["REGISTER_URL wins over AUTH_URL", { REGISTER_URL: "https://register.example.com", AUTH_URL: "https://auth.example.com" }, "https://register.example.com"],
    ["trailing slashes are stripped", { REGISTER_URL: "https://register.example.com//" }, "https://register.example.com"],
    ["AUTH_URL when REGISTER_URL is unset", { AUTH_URL: "https://auth.example.com/" }, "https://auth.example.com"],
    ["localhost when neither is set", {}, "http://localhost:3000"],
  ])("%s", (_, env, expected) => {
    setEnv(env);
    expect(registerUrl()).toBe(expected);
  });
});
