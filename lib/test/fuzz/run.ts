// Runs the API fuzz suite against a running server: sends every operation's malformed requests
// (lib/test/fuzz/inputs.ts) one at a time, fingerprints the database after each, and reports every
// 5xx, every refused (4xx) or read-only request that changed rows, and every request left unanswered.
// `npm run fuzz` (scripts/fuzz.ts) starts the server; `fuzzApi` can be called on any running one.
import http from "node:http";
import { changedTables, type Fingerprinter } from "./fingerprint";
import { inputKind, operationsOf, requestsFor, schedule, type FuzzContext, type FuzzRequest, type Operation } from "./inputs";

export interface FuzzOptions {
  base: string;
  /** An ADMIN's bearer token, so that requests reach validation. */
  token: string;
  seed: number;
  runs: number;
  /** Stops sending after this long (the report says so). */
  seconds: number;
  fingerprint: Fingerprinter;
  /** An admin's signed-in session cookie, for the cross-site probes. */
  sessionCookie?: string;
  /** Only operations whose "METHOD /path" matches. */
  only?: RegExp;
  /** The register's valid references; fetched from the server (fuzzContext) when absent. */
  context?: FuzzContext;
  /** Logs every request and its answer. */
  verbose?: boolean;
  log?: (line: string) => void;
}

export interface Answer {
  status: number | null;
  body: string;
  error?: string;
}

export interface Failure {
  kind: "5xx" | "changed rows" | "no answer";
  key: string;
  request: FuzzRequest;
  answer: Answer;
  tables?: string[];
  count: number;
}

export interface Unmet {
  why: string;
  status: string;
  count: number;
  operations: Set<string>;
  example: FuzzRequest;
}

export interface FuzzResult {
  sent: number;
  statuses: Map<string, number>;
  serverErrors: number;
  changedByRefused: number;
  unanswered: number;
  failures: Failure[];
  unmet: Unmet[];
  stoppedEarly: boolean;
  seconds: number;
  /** Of which spent fingerprinting the database. */
  fingerprintSeconds: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export function send(base: string, request: FuzzRequest, timeoutMs = 30_000): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Answer) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    let outgoing: http.ClientRequest;
    try {
      outgoing = http.request({
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.target,
        headers: { ...request.headers, ...(request.body ? { "content-length": String(request.body.length) } : {}) },
        agent,
        timeout: timeoutMs,
      });
    } catch (error) {
      finish({ status: null, body: "", error: `client refused to send: ${(error as Error).message}` });
      return;
    }
    outgoing.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => finish({ status: response.statusCode ?? null, body: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", () => finish({ status: response.statusCode ?? null, body: Buffer.concat(chunks).toString("utf8") }));
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on("error", (error) => finish({ status: null, body: "", error: error.message }));
    outgoing.end(request.body);
  });
}

// The body limit is the server's, not a route's: one route of each router (and the CSV import) is enough.
const HUGE_BODY_OPERATIONS = new Set(["POST /api/v1/tools", "POST /api/v1/changes", "POST /api/v1/import/tools"]);
// Node's default --max-http-header-size.
const NODE_HEADER_LIMIT = 16 * 1024;

function headerBytes(request: FuzzRequest): number {
  return request.target.length + Object.entries(request.headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PROPFIND"]);

function errorCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === "string" ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}

async function api<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return (await response.json()) as T;
}

/** Valid references from the register, and a user of its own whose record and token the suite may spoil. */
export async function fuzzContext(base: string, token: string): Promise<FuzzContext> {
  type Rows<T> = { rows: T[] };
  const [teams, environments, capabilities, tools, users, grants, incidents, policy] = await Promise.all([
    api<Rows<{ name: string }>>(base, token, "GET", "/api/v1/teams?pageSize=200"),
    api<Rows<{ name: string }>>(base, token, "GET", "/api/v1/environments?pageSize=200"),
    api<Rows<{ key: string }>>(base, token, "GET", "/api/v1/capabilities?pageSize=200"),
    api<Rows<{ slug: string }>>(base, token, "GET", "/api/v1/tools?pageSize=100"),
    api<Rows<{ email: string }>>(base, token, "GET", "/api/v1/users?pageSize=200"),
    api<Rows<{ id: string; status: string }>>(base, token, "GET", "/api/v1/grants?pageSize=200"),
    api<Rows<{ key: string }>>(base, token, "GET", "/api/v1/incidents?pageSize=100"),
    api<{ policy: unknown }>(base, token, "GET", "/api/v1/policy"),
  ]);
  const target = await api<{ id: string }>(base, token, "POST", "/api/v1/users", { email: `fuzz-target-${Date.now()}@example.com`, name: "Fuzz target", role: "VIEWER", senior: false });
  const targetToken = await api<{ id: string }>(base, token, "POST", `/api/v1/users/${target.id}/tokens`, { name: "fuzz" });
  const pendingGrant = grants.rows.find((g) => g.status === "REQUESTED") ?? grants.rows[0];
  return {
    pathValues: {
      "users/{id}": target.id,
      "tokens/{tokenId}": targetToken.id,
      "tools/{slug}": tools.rows[0]?.slug ?? "unknown-tool",
      "grants/{id}": pendingGrant?.id ?? "unknown-grant",
      "incidents/{key}": incidents.rows[0]?.key ?? "UNKNOWN-1",
      "teams/{name}": teams.rows[0]?.name ?? "unknown-team",
      "environments/{name}": environments.rows[0]?.name ?? "unknown-environment",
      "capabilities/{key}": capabilities.rows[0]?.key ?? "unknown:capability",
    },
    teams: teams.rows.map((t) => t.name),
    environments: environments.rows.map((e) => e.name),
    capabilities: capabilities.rows.map((c) => c.key),
    tools: tools.rows.map((t) => t.slug),
    emails: users.rows.map((u) => u.email),
    policy: policy.policy,
  };
}

export async function fuzzApi(options: FuzzOptions): Promise<FuzzResult> {
  const log = options.log ?? console.log;
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const document = await api<{ paths: Record<string, Record<string, Record<string, unknown>>> }>(options.base, options.token, "GET", "/api/v1/openapi.json");
  const operations: Operation[] = operationsOf(document).filter((op) => !options.only || options.only.test(`${op.method} ${op.path}`));
  const context = options.context ?? (await fuzzContext(options.base, options.token));
  log(`fuzz: ${operations.length} operations, seed ${options.seed}, ${options.runs} random requests each, at most ${options.seconds} s; rows checked by ${options.fingerprint.describes}`);

  const result: FuzzResult = { sent: 0, statuses: new Map(), serverErrors: 0, changedByRefused: 0, unanswered: 0, failures: [], unmet: [], stoppedEarly: false, seconds: 0, fingerprintSeconds: 0 };
  const failures = new Map<string, Failure>();
  const unmet = new Map<string, Unmet>();
  const note = (kind: Failure["kind"], key: string, request: FuzzRequest, answer: Answer, tables?: string[]) => {
    const existing = failures.get(key);
    if (existing) existing.count += 1;
    else failures.set(key, { kind, key, request, answer, tables, count: 1 });
  };

  let before = await options.fingerprint.take();
  const pathsProbed = new Set<string>();
  const perOperation = operations.map((operation) => {
    const probeMethods = !pathsProbed.has(operation.path);
    pathsProbed.add(operation.path);
    return requestsFor(operation, context, {
      seed: options.seed,
      runs: options.runs,
      auth: { kind: "token", token: options.token },
      sessionCookie: options.sessionCookie,
      probeMethods,
      hugeBody: HUGE_BODY_OPERATIONS.has(`${operation.method} ${operation.path}`),
    });
  });
  const queue = schedule(perOperation, options.seed);
  log(`fuzz: ${queue.length} requests to send`);
  for (const request of queue) {
    if (Date.now() > deadline) {
      result.stoppedEarly = true;
      break;
    }
    const answer = await send(options.base, request);
    result.sent += 1;
    // Node's HTTP layer may reset rather than answer 431 when the client is still writing.
    const reset = answer.status === null && headerBytes(request) > NODE_HEADER_LIMIT;
    const status = reset ? "reset (over the header limit)" : answer.status === null ? "no answer" : String(answer.status);
    result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
    const code = errorCode(answer.body);

    if (options.verbose) log(`  ${status} ${request.operation} — ${request.label}: ${answer.body.slice(0, 160)}`);

    if (answer.status === null && !reset) {
      result.unanswered += 1;
      note("no answer", `${request.operation} no answer ${answer.error}`, request, answer);
      // A request the server never answered may have taken it down: the rest would only fail.
      if (!(await alive(options.base))) {
        log(`fuzz: the server stopped answering after ${request.method} ${request.target.slice(0, 120)} (${request.label})`);
        result.stoppedEarly = true;
        break;
      }
    } else if (answer.status !== null && answer.status >= 500) {
      result.serverErrors += 1;
      note("5xx", `${request.operation} ${answer.status} ${code ?? "-"} on ${inputKind(request.label)}`, request, answer);
    }

    const fingerprintStarted = Date.now();
    const after = await options.fingerprint.take();
    result.fingerprintSeconds += (Date.now() - fingerprintStarted) / 1000;
    const tables = changedTables(before, after);
    before = after;
    const refused = answer.status === null || answer.status >= 400;
    if (tables.length > 0 && (refused || SAFE_METHODS.has(request.method))) {
      result.changedByRefused += 1;
      note("changed rows", `${request.operation} ${status} changed ${tables.join(",")}`, request, answer, tables);
    }

    const unmetWhy = expectationMissed(request, answer, code);
    if (unmetWhy) {
      const key = `${unmetWhy.why}|${unmetWhy.status}`;
      const entry = unmet.get(key) ?? { ...unmetWhy, count: 0, operations: new Set<string>(), example: request };
      entry.count += 1;
      entry.operations.add(request.operation);
      unmet.set(key, entry);
    }
  }
  result.failures = [...failures.values()].sort((a, b) => a.key.localeCompare(b.key));
  result.unmet = [...unmet.values()];
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

// What the hardened API should answer; a difference is reported, not failed (only 5xx and changed rows fail).
function expectationMissed(request: FuzzRequest, answer: Answer, code: string | undefined): { why: string; status: string } | undefined {
  if (answer.status === null) return undefined;
  if (request.expect && !request.expect.statuses.includes(answer.status) && answer.status < 500) {
    return { why: `${request.expect.why} (expected ${request.expect.statuses.join("/")})`, status: String(answer.status) };
  }
  // 414 and 431 come from Node's HTTP layer, before any of the app's code runs.
  if (answer.status >= 400 && answer.status < 500 && ![414, 431].includes(answer.status) && code === undefined && request.method !== "HEAD") {
    return { why: "a 4xx carries the documented {error: {code, message}} body", status: String(answer.status) };
  }
  return undefined;
}

async function alive(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(10_000) })).ok;
  } catch {
    return false;
  }
}

// ── Report ──────────────────────────────────────────────────────────────────────────────────────
function excerpt(text: string, length: number): string {
  const shown = JSON.stringify(text.length > length ? `${text.slice(0, length)}…` : text);
  return text.length > length ? `${shown} (${text.length} chars)` : shown;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** A curl command that sends the same request; `$TOKEN` stands for the bearer token. */
export function curlFor(base: string, request: FuzzRequest, token: string): string {
  const parts = ["curl -s -i", "-X", request.method, shellQuote(`${base}${request.target.length > 300 ? `${request.target.slice(0, 80)}…(${request.target.length} chars)` : request.target}`)];
  for (const [name, value] of Object.entries(request.headers)) {
    const shown = value.replace(token, "$TOKEN");
    parts.push("-H", shown.includes("$TOKEN") ? `"${name}: ${shown}"` : shellQuote(`${name}: ${value.length > 200 ? `${value.slice(0, 40)}…` : value}`));
  }
  if (request.body) {
    const text = request.body.toString("utf8");
    const printable = Buffer.from(text, "utf8").equals(request.body) && !/[\u0000-\u0008\u000e-\u001f]/.test(text);
    if (printable && request.body.length <= 600) parts.push("--data-binary", shellQuote(text));
    else parts.push(`--data-binary @body  # ${request.body.length} bytes: ${excerpt(text, 60)}`);
  }
  return parts.join(" ");
}

export function report(result: FuzzResult, base: string, token: string): string[] {
  const lines: string[] = [];
  const statuses = [...result.statuses].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => `${status}: ${count}`);
  lines.push(`requests sent: ${result.sent} in ${result.seconds.toFixed(1)} s (${result.fingerprintSeconds.toFixed(1)} s of it fingerprinting)${result.stoppedEarly ? " (stopped early: time limit or server down)" : ""}`);
  lines.push(`statuses: ${statuses.join(", ")}`);
  const groups: [Failure["kind"], string][] = [
    ["5xx", "5xx answers"],
    ["changed rows", "refused or read-only requests that changed rows"],
    ["no answer", "requests left unanswered"],
  ];
  for (const [kind, title] of groups) {
    const items = result.failures.filter((f) => f.kind === kind);
    if (items.length === 0) continue;
    lines.push("", `── ${title} (${items.length} distinct) ──`);
    for (const failure of items) {
      lines.push(`✗ ${failure.key}  ×${failure.count}`);
      lines.push(`    first: ${failure.request.label}`);
      lines.push(`    ${failure.request.method} ${excerpt(failure.request.target, 160)}`);
      if (failure.request.body) lines.push(`    body: ${excerpt(failure.request.body.toString("utf8"), 200)}`);
      lines.push(`    answer: ${failure.answer.status ?? failure.answer.error} ${excerpt(failure.answer.body, 240)}`);
      if (failure.tables) lines.push(`    changed: ${failure.tables.join(", ")}`);
      lines.push(`    repro: ${curlFor(base, failure.request, token)}`);
    }
  }
  if (result.unmet.length > 0) {
    lines.push("", `── answers other than the hardened API's (reported, not failed) ──`);
    for (const entry of result.unmet.sort((a, b) => a.why.localeCompare(b.why))) {
      const operations = [...entry.operations];
      lines.push(`• ${entry.why}: answered ${entry.status} ×${entry.count} in ${operations.length} operations (${operations.slice(0, 3).join("; ")}${operations.length > 3 ? "; …" : ""}); e.g. ${entry.example.label}`);
    }
  }
  lines.push("", `fuzz: ${result.sent} requests, ${result.serverErrors} 5xx, ${result.changedByRefused} refused writes changed rows${result.unanswered ? `, ${result.unanswered} unanswered` : ""}`);
  return lines;
}

export function failed(result: FuzzResult): boolean {
  return result.serverErrors > 0 || result.changedByRefused > 0 || result.unanswered > 0;
}
