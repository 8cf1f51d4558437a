// The malformed requests of the API fuzz suite (`npm run fuzz`), generated from the OpenAPI document:
// for each operation, a fixed catalogue (every string position with NUL and a lone surrogate, every
// date and number with extremes, wrong types, wrong content types, unknown methods, anonymous and
// cross-site callers…) and then random mutations drawn with fast-check from a fixed seed, so that a
// run is reproducible. Pure: nothing here talks to the server.
import fc from "fast-check";

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: string;
  /** The templated path, e.g. /api/v1/tools/{slug}. */
  path: string;
  anonymous: boolean;
  parameters: OpenApiParameter[];
  /** Media type → schema of the request body. */
  body?: Record<string, JsonSchema>;
}

export interface FuzzRequest {
  /** "POST /api/v1/tools": the operation the request probes. */
  operation: string;
  /** What is malformed, e.g. "body.name: NUL". */
  label: string;
  method: string;
  /** Path and query, already percent-encoded as they go on the wire. */
  target: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The answer the hardened API should give; a different one is reported, not failed. */
  expect?: { statuses: number[]; why: string };
}

/** Valid values the register holds, so that a request is malformed in one place only and reaches further. */
export interface FuzzContext {
  /** "users/{id}" → an id; keyed by the segment before the parameter and its name. */
  pathValues: Record<string, string>;
  teams: string[];
  environments: string[];
  capabilities: string[];
  tools: string[];
  emails: string[];
  /** The policy in force, as GET /api/v1/policy returns it: the base body of PUT /api/v1/policy. */
  policy?: unknown;
}

export type Auth = { kind: "token"; token: string } | { kind: "cookie"; cookie: string } | { kind: "none" };

export function operationsOf(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      const requestBody = spec.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined;
      operations.push({
        method: method.toUpperCase(),
        path,
        anonymous: Array.isArray(spec.security) && spec.security.length === 0,
        parameters: (spec.parameters as OpenApiParameter[] | undefined) ?? [],
        body: requestBody?.content ? Object.fromEntries(Object.entries(requestBody.content).map(([type, media]) => [type, media.schema ?? {}])) : undefined,
      });
    }
  }
  return operations;
}

// ── Malformed values ────────────────────────────────────────────────────────────────────────────
export const NUL = "\u0000";
export const LONE_SURROGATE = "\ud800";
export const HUGE_STRING_LENGTH = 1024 * 1024;
/** Over the 10 MB the API takes. */
export const HUGE_BODY_BYTES = 12 * 1024 * 1024;

export const EXTREME_DATES: unknown[] = [
  "+275760-09-13T00:00:00Z",
  "-271821-04-20T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "20000-01-01",
  "2026-02-30T00:00:00Z",
  8640000000000000,
  -8640000000000000,
];
export const EXTREME_NUMBERS: unknown[] = [1e308, -1e308, -1, 1.5, "NaN", 2 ** 53 + 1, 2 ** 31];
const BAD_STRINGS: string[] = [
  `a${NUL}b`,
  NUL,
  LONE_SURROGATE,
  `x\udfffy`,
  "",
  "   ",
  "%00",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "\u202e\ufeff",
  "💥".repeat(50),
];
const WRONG_TYPES: unknown[] = [null, true, 0, -1, "string", [], [null], {}, { a: 1 }];
const PROTOTYPE_VALUES: unknown[] = [JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } }];
const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

/** Every malformed value the random phase draws from, plus generated ones. */
function badValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...BAD_STRINGS, ...EXTREME_DATES, ...EXTREME_NUMBERS, ...WRONG_TYPES, ...PROTOTYPE_VALUES, "a".repeat(HUGE_STRING_LENGTH), 0, "1e309", -(2 ** 31) - 1),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: fc.constantFrom(NUL, LONE_SURROGATE, "\udc00", "a", "é", "\n"), maxLength: 20 }),
    fc.double(),
    fc.integer(),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => Number(n)),
    fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.json({ maxDepth: 3 }).map((text) => JSON.parse(text) as unknown),
  );
}

// ── Encoding ────────────────────────────────────────────────────────────────────────────────────
/**
 * Percent-encodes like encodeURIComponent, but a lone surrogate (which encodeURIComponent refuses)
 * goes out as the three bytes a naive UTF-8 encoder would write: not valid UTF-8 at the server.
 */
export function percentEncode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out;
}

function isDateField(name: string): boolean {
  return /(At|Date|date|Review|since|until|from|to)$/.test(name);
}

// ── Valid bases ─────────────────────────────────────────────────────────────────────────────────
let uniqueCounter = 0;
function unique(): number {
  uniqueCounter += 1;
  return uniqueCounter;
}

/** A value of the schema that the server should accept: the base that one mutation then spoils. */
export function validValue(schema: JsonSchema | undefined, field: string, context: FuzzContext, operation: Operation): unknown {
  const hinted = hintedValue(field, context, operation);
  if (hinted !== undefined) return hinted;
  if (!schema) return "fuzz";
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    const concrete = options.find((option) => option.type !== "null" && Object.keys(option).length > 0) ?? options[0];
    return validValue(concrete, field, context, operation);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string": {
      if (schema.format === "email") return `fuzz-${unique()}@example.com`;
      if (schema.format === "date-time" || isDateField(field)) return new Date(Date.now() - 3600_000).toISOString();
      return `fuzz value ${unique()}`.padEnd(schema.minLength ?? 1, "x").slice(0, schema.maxLength ?? 40);
    }
    case "integer":
    case "number":
      return schema.minimum ?? schema.default ?? 1;
    case "boolean":
      return schema.default ?? false;
    case "array": {
      const count = Math.max(schema.minItems ?? 0, 1);
      return Array.from({ length: Math.min(count, schema.maxItems ?? count) }, () => validValue(schema.items, singular(field), context, operation));
    }
    case "object": {
      const value: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) value[name] = validValue(property, name, context, operation);
      return value;
    }
    default:
      return isDateField(field) ? new Date(Date.now() - 3600_000).toISOString() : "fuzz";
  }
}

/** The name an array's items go by: capabilities → capability, approvers → approver. */
function singular(field: string): string {
  if (field.endsWith("ies")) return `${field.slice(0, -3)}y`;
  return field.endsWith("s") ? field.slice(0, -1) : field;
}

// Fields whose valid value depends on the register (references) or must be new (unique keys).
function hintedValue(field: string, context: FuzzContext, operation: Operation): unknown {
  const resource = operation.path.split("/")[3];
  const n = unique();
  switch (field) {
    case "slug":
      return `fuzz-${n}`;
    case "key":
      return resource === "incidents" ? `FUZZ-${n}` : `fuzz:key-${n}`;
    case "name":
      return resource === "teams" || resource === "environments" ? `Fuzz ${resource} ${n}` : undefined;
    case "externalId":
      return `fuzz-${n}`;
    case "email":
      return `fuzz-${n}@example.com`;
    case "tool":
      return context.tools[0];
    case "environment":
      return context.environments[0];
    case "ownerTeam":
      return context.teams[0];
    case "capability":
      return context.capabilities[0];
    case "environments":
      return context.environments.slice(0, 1);
    case "services":
      return ["fuzz-service"];
    case "regions":
      return ["eu-west-1"];
    case "approver":
      return context.emails[0];
    case "justification":
      return "Fuzzing the API's validation";
    case "expiresAt":
      return new Date(Date.now() + 30 * 86_400_000).toISOString();
    case "active":
      // The suite's own target user stays active, so that the requests after a PATCH still reach it.
      return true;
    case "password":
      return "fuzz-password-2026";
    case "postmortemUrl":
      return "https://example.com/postmortem";
    default:
      return undefined;
  }
}

function baseBody(operation: Operation, context: FuzzContext): { mediaType: string; value: unknown } | undefined {
  if (!operation.body) return undefined;
  if (operation.method === "PUT" && operation.path === "/api/v1/policy" && context.policy) {
    return { mediaType: "application/json", value: { policy: context.policy, note: "fuzz: the policy as it is" } };
  }
  if (operation.path === "/api/v1/import/tools") {
    const tool = { slug: `fuzz-${unique()}`, name: "Fuzz import", vendor: "Fuzz", kind: "AGENT", ownerTeam: context.teams[0], status: "PROPOSED", modes: ["SUGGEST"], description: "imported" };
    return { mediaType: "application/json", value: [tool] };
  }
  const schema = operation.body["application/json"];
  if (!schema) return undefined;
  return { mediaType: "application/json", value: validValue(schema, "", context, operation) };
}

// ── Positions in a JSON value ───────────────────────────────────────────────────────────────────
type Segment = string | number;
interface Position {
  path: Segment[];
  value: unknown;
}

export function positionsOf(value: unknown, path: Segment[] = []): Position[] {
  const here: Position = { path, value };
  if (Array.isArray(value)) return [here, ...value.flatMap((item, index) => positionsOf(item, [...path, index]))];
  if (value !== null && typeof value === "object") return [here, ...Object.entries(value).flatMap(([key, item]) => positionsOf(item, [...path, key]))];
  return [here];
}

/** A deep copy of `root` with the value at `path` replaced (or removed, for `undefined`). */
export function replaceAt(root: unknown, path: Segment[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  // An earlier mutation may have replaced a container with a scalar: build the container anew.
  if (root === null || typeof root !== "object") root = typeof head === "number" ? [] : {};
  if (Array.isArray(root)) {
    const copy = [...root];
    if (replacement === undefined && rest.length === 0) copy.splice(Number(head), 1);
    else copy[Number(head)] = replaceAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(root as object)) Object.defineProperty(copy, key, { value: (root as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true });
  if (replacement === undefined && rest.length === 0) delete copy[String(head)];
  else Object.defineProperty(copy, String(head), { value: replaceAt(copy[String(head)], rest, replacement), enumerable: true, writable: true, configurable: true });
  return copy;
}

function pathName(path: Segment[]): string {
  return path.length === 0 ? "body" : `body.${path.join(".")}`;
}

function lastField(path: Segment[]): string {
  const named = path.filter((segment): segment is string => typeof segment === "string");
  return named[named.length - 1] ?? "";
}

function describe(value: unknown): string {
  if (typeof value === "string") {
    if (value.length > 64) return `string of ${value.length} chars`;
    return JSON.stringify(value);
  }
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 64 ? `${text.slice(0, 60)}…` : text;
}

// ── Requests ────────────────────────────────────────────────────────────────────────────────────
export interface GenerateOptions {
  seed: number;
  /** Random requests per operation, after the fixed catalogue. */
  runs: number;
  auth: Auth;
  /** A signed-in session of an admin, for the cross-site (CSRF) probes. */
  sessionCookie?: string;
  /** Send TRACE and PROPFIND: once per path is enough. */
  probeMethods?: boolean;
  /** Send a 12 MB body: a few operations suffice, since the limit is the server's. */
  hugeBody?: boolean;
}

function authHeaders(auth: Auth): Record<string, string> {
  if (auth.kind === "token") return { authorization: `Bearer ${auth.token}` };
  if (auth.kind === "cookie") return { cookie: auth.cookie };
  return {};
}

function pathValue(operation: Operation, name: string, context: FuzzContext): string {
  const segments = operation.path.split("/");
  const index = segments.indexOf(`{${name}}`);
  const key = `${segments[index - 1]}/{${name}}`;
  return context.pathValues[key] ?? "fuzz-unknown";
}

/** The operation's path with its parameters filled in; `override` replaces one, already encoded. */
function targetPath(operation: Operation, context: FuzzContext, override?: { name: string; encoded: string }): string {
  return operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => (override?.name === name ? override.encoded : encodeURIComponent(pathValue(operation, name, context))));
}

function queryString(pairs: [string, string][]): string {
  return pairs.length === 0 ? "" : `?${pairs.map(([name, value]) => `${name}=${value}`).join("&")}`;
}

function isWrite(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method);
}

/** The catalogue and the random requests for one operation, in the order they are sent. */
export function requestsFor(operation: Operation, context: FuzzContext, options: GenerateOptions): FuzzRequest[] {
  const name = `${operation.method} ${operation.path}`;
  // A fresh base for every request, so that unique fields (slug, key, email…) are new each time and a
  // mutation is not stopped by a 409 before it reaches the database.
  const fresh = () => baseBody(operation, context);
  const base = fresh();
  const requests: FuzzRequest[] = [];
  const protectedRoute = !operation.anonymous;

  function add(
    label: string,
    parts: { method?: string; path?: string; query?: [string, string][]; body?: Buffer | string | null; contentType?: string | null; auth?: Auth; headers?: Record<string, string> },
    expect?: FuzzRequest["expect"],
  ): void {
    const body = parts.body === null ? undefined : parts.body === undefined ? (base ? JSON.stringify(fresh()?.value) : undefined) : parts.body;
    const headers: Record<string, string> = { ...authHeaders(parts.auth ?? options.auth), ...parts.headers };
    const contentType = parts.contentType === undefined ? (body !== undefined ? (base?.mediaType ?? "application/json") : null) : parts.contentType;
    if (contentType) headers["content-type"] = contentType;
    requests.push({
      operation: name,
      label,
      method: parts.method ?? operation.method,
      target: (parts.path ?? targetPath(operation, context)) + queryString(parts.query ?? []),
      headers,
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8"),
      expect,
    });
  }
  const withBody = (value: unknown) => JSON.stringify(value);
  const spoil = (path: Segment[], replacement: unknown) => withBody(replaceAt(fresh()?.value, path, replacement));

  // The well-formed request first: says whether the rest reach past validation, and is itself probed.
  add("well-formed", {});

  // ── Path parameters
  for (const parameter of operation.parameters.filter((p) => p.in === "path")) {
    const valid = pathValue(operation, parameter.name, context);
    const garbage: [string, string][] = [
      ["NUL", `${encodeURIComponent(valid)}%00`],
      ["lone surrogate", percentEncode(`${valid}${LONE_SURROGATE}`)],
      ["bare %", "%"],
      ["bad escape %zz", "%zz"],
      ["overlong UTF-8", "%C0%AF"],
      ["encoded slash", `${encodeURIComponent(valid)}%2F..%2F..`],
      ["dot-dot", "%2E%2E"],
      ["8 KB", "a".repeat(8192)],
      ["unicode", encodeURIComponent("ünïcødé-💥")],
      ["prototype key", "__proto__"],
      ["number-like", "1e308"],
    ];
    for (const [what, encoded] of garbage) {
      add(`path {${parameter.name}}: ${what}`, { path: targetPath(operation, context, { name: parameter.name, encoded }) }, { statuses: [400, 404, 414, 431], why: "a malformed address is 400 or 404" });
    }
  }

  // ── Query parameters: each one malformed, and once per operation the costlier cases
  const queryParameters = operation.parameters.filter((p) => p.in === "query");
  for (const parameter of queryParameters) {
    const values: [string, string][] = [
      ["NUL", "a%00b"],
      ["lone surrogate", percentEncode(LONE_SURROGATE)],
      ["bad escape %zz", "%zz"],
      ["1e308", "1e308"],
      ["extreme date", percentEncode("+275760-09-13T00:00:00Z")],
    ];
    for (const [what, encoded] of values) add(`query ${parameter.name}: ${what}`, { query: [[parameter.name, encoded]] });
  }
  const firstQuery = queryParameters[0];
  if (firstQuery) {
    const once: [string, string][] = [
      ["8 KB", "a".repeat(8192)],
      ["bare %", "%"],
      ["-1", "-1"],
      ["NaN", "NaN"],
      ["2^53+1", String(2 ** 53 + 1)],
      ["year 0", "0000-01-01T00:00:00Z"],
      ["empty", ""],
    ];
    for (const [what, encoded] of once) add(`query ${firstQuery.name}: ${what}`, { query: [[firstQuery.name, encoded]] });
    add("query: every parameter repeated", { query: queryParameters.flatMap((p) => [[p.name, "1"], [p.name, "2"]] as [string, string][]) });
    // Beyond the HTTP layer's header limit: Node answers 431 (or resets) before the app sees it.
    if (options.hugeBody) add(`query ${firstQuery.name}: 1 MB`, { query: [[firstQuery.name, "a".repeat(HUGE_STRING_LENGTH)]] }, { statuses: [414, 431], why: "a request line over the header limit is refused" });
  }
  if (operation.method === "GET") {
    for (const key of PROTOTYPE_KEYS.slice(0, 2)) add(`query key ${key}`, { query: [[key, "1"], [`${key}[polluted]`, "1"]] });
    add("query key NUL", { query: [["a%00", "1"]] });
    add("query key lone surrogate", { query: [[percentEncode(LONE_SURROGATE), "1"]] });
  }

  // ── Bodies: every position of the well-formed body, spoilt one at a time
  if (base && base.mediaType === "application/json") {
    const positions = positionsOf(base.value);
    const firstString = positions.find((p) => typeof p.value === "string");
    if (firstString) add(`${pathName(firstString.path)}: 1 MB string`, { body: spoil(firstString.path, "a".repeat(HUGE_STRING_LENGTH)) });
    for (const position of positions) {
      const at = pathName(position.path);
      const field = lastField(position.path);
      if (typeof position.value === "string") {
        add(`${at}: NUL`, { body: spoil(position.path, `${position.value}${NUL}`) }, { statuses: [400], why: "NUL is refused at the boundary" });
        add(`${at}: lone surrogate`, { body: spoil(position.path, `${position.value}${LONE_SURROGATE}`) }, { statuses: [400], why: "a lone surrogate is refused at the boundary" });
      }
      if (isDateField(field) || (typeof position.value === "string" && /^\d{4}-\d\d-\d\dT/.test(position.value))) {
        for (const date of EXTREME_DATES) add(`${at}: date ${describe(date)}`, { body: spoil(position.path, date) }, { statuses: [400, 422], why: "a date Postgres cannot store is refused" });
      }
      if (typeof position.value === "number") {
        for (const number of EXTREME_NUMBERS) add(`${at}: number ${describe(number)}`, { body: spoil(position.path, number) });
      }
      if (position.path.length > 0) {
        const wrong = typeof position.value === "string" ? 12345 : "a string";
        add(`${at}: wrong type ${describe(wrong)}`, { body: spoil(position.path, wrong) });
        add(`${at}: missing`, { body: spoil(position.path, undefined) });
      }
    }
    const containers = positions.filter((p) => p.value !== null && typeof p.value === "object" && !Array.isArray(p.value));
    for (const container of containers) {
      for (const key of ["__proto__", "constructor"]) {
        add(`${pathName(container.path)}: extra key ${key}`, { body: spoil([...container.path, key], { polluted: true, role: "ADMIN" }) });
      }
      add(`${pathName(container.path)}: unknown field`, { body: spoil([...container.path, "fuzzUnknown"], "x") });
    }
    add("body: empty object", { body: "{}" });
    add("body: array of the body", { body: withBody([fresh()?.value]) });
    add("body: JSON null", { body: "null" });
    add("body: JSON string", { body: '"x"' });
    add("body: malformed JSON", { body: '{"a":' }, { statuses: [400], why: "malformed JSON is a 400" });
    add("body: trailing garbage", { body: `${withBody(fresh()?.value)}}` }, { statuses: [400], why: "malformed JSON is a 400" });
    add("body: empty", { body: "" });
    add("body: invalid UTF-8 bytes", { body: Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xed, 0xa0, 0x80, 0xff]), Buffer.from('"}')]) });
    add("body: BOM", { body: `\ufeff${withBody(fresh()?.value)}` });
    add("body: 1e999999 number", { body: '{"a":1e999999}' });
    add("body: nested 10,000 deep", { body: "[".repeat(10_000) + "]".repeat(10_000) });
    add("body: duplicate keys", { body: withBody(fresh()?.value).replace(/^\{/, '{"__proto__":{"x":1},') });
    // Wrong content types, with the well-formed JSON as the body.
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=utf-16"]) {
      add(`content-type ${contentType}`, { contentType }, { statuses: [415], why: "a JSON route takes application/json only" });
    }
    add("no content-type", { contentType: null }, { statuses: [415], why: "a JSON route takes application/json only" });
    if (options.hugeBody) add("body: 12 MB", { body: Buffer.alloc(HUGE_BODY_BYTES, "a") }, { statuses: [413], why: "bodies over 10 MB are refused" });
  }
  if (operation.path === "/api/v1/import/tools") {
    const header = "slug,name,vendor,kind,ownerTeam,status,modes,description";
    const row = (cells: string[]) => `${header}\n${cells.join(",")}\n`;
    const good = [`fuzz-csv-${unique()}`, "Fuzz CSV", "Fuzz", "AGENT", context.teams[0] ?? "Platform", "PROPOSED", "SUGGEST", "imported"];
    add("csv: well-formed", { body: row(good), contentType: "text/csv" });
    for (let cell = 0; cell < good.length; cell++) {
      const values: [string, string][] = [["NUL", `${good[cell]}${NUL}`], ["lone surrogate", `${good[cell]}${LONE_SURROGATE}`]];
      if (cell === good.length - 1) values.push(["1 MB", "a".repeat(HUGE_STRING_LENGTH)]);
      for (const [what, value] of values) {
        const cells = [...good];
        cells[cell] = value;
        add(`csv cell ${cell}: ${what}`, { body: row(cells), contentType: "text/csv" });
      }
    }
    add("csv: unbalanced quote", { body: `${header}\n"fuzz,a\n`, contentType: "text/csv" });
    add("csv: only a header", { body: `${header}\n`, contentType: "text/csv" });
    add("csv: 100,000 columns", { body: `${header}\n${",".repeat(100_000)}\n`, contentType: "text/csv" });
    add("csv: 12 MB", { body: Buffer.alloc(HUGE_BODY_BYTES, "a"), contentType: "text/csv" }, { statuses: [413], why: "bodies over 10 MB are refused" });
  }
  if (!base && isWrite(operation.method)) add("unexpected body", { body: '{"a":1}', contentType: "application/json" });

  // ── Methods nobody routes
  if (options.probeMethods) for (const method of ["TRACE", "PROPFIND"]) add(`method ${method}`, { method, body: null, contentType: null }, { statuses: [405], why: "an unknown method is a JSON 405" });

  // ── Callers
  if (protectedRoute) {
    add("anonymous", { auth: { kind: "none" } }, { statuses: [401], why: "no credentials" });
    add("bearer: unknown token", { auth: { kind: "none" }, headers: { authorization: "Bearer fuzz-unknown-token" } }, { statuses: [401], why: "an unknown token" });
    add("bearer: 8 KB token", { auth: { kind: "none" }, headers: { authorization: `Bearer ${"a".repeat(8192)}` } }, { statuses: [401], why: "an unknown token" });
    add("authorization: Basic", { auth: { kind: "none" }, headers: { authorization: "Basic YWRtaW46YWRtaW4=" } }, { statuses: [401], why: "not a bearer token" });
    if (isWrite(operation.method) && options.sessionCookie) {
      add("session cookie, cross-site origin", { auth: { kind: "cookie", cookie: options.sessionCookie }, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } }, { statuses: [403], why: "a cross-site write with a session cookie is refused (CSRF)" });
    }
  }

  // ── Random mutations, reproducible from the seed
  const random = randomRequests(operation, base ? () => fresh()?.value : undefined, queryParameters, options);
  for (const mutation of random) {
    add(`random: ${mutation.label}`, { body: mutation.body, query: mutation.query });
  }
  return requests;
}

interface RandomMutation {
  label: string;
  body?: string;
  query?: [string, string][];
}

function randomRequests(operation: Operation, freshBase: (() => unknown) | undefined, queryParameters: OpenApiParameter[], options: GenerateOptions): RandomMutation[] {
  if (options.runs <= 0) return [];
  const arbitraries: fc.Arbitrary<RandomMutation>[] = [];
  if (freshBase) {
    const positions = positionsOf(freshBase()).filter((p) => p.path.length > 0);
    if (positions.length > 0) {
      arbitraries.push(
        fc.array(fc.tuple(fc.constantFrom(...positions), badValue()), { minLength: 1, maxLength: 3 }).map((mutations) => {
          let value = freshBase();
          for (const [position, replacement] of mutations) value = replaceAt(value, position.path, replacement);
          return { label: mutations.map(([position, replacement]) => `${pathName(position.path)}=${describe(replacement)}`).join(", "), body: JSON.stringify(value) };
        }),
      );
    }
    arbitraries.push(badValue().map((value) => ({ label: `body=${describe(value)}`, body: JSON.stringify(value) ?? "" })));
  }
  if (queryParameters.length > 0) {
    arbitraries.push(
      fc
        .array(fc.tuple(fc.constantFrom(...queryParameters.map((p) => p.name)), fc.oneof(badValue().map((v) => (typeof v === "string" ? v : JSON.stringify(v) ?? "")), fc.string({ unit: "binary" }))), { minLength: 1, maxLength: 4 })
        .map((pairs) => ({ label: pairs.map(([name, value]) => `${name}=${describe(value)}`).join("&"), query: pairs.map(([name, value]) => [name, percentEncode(value)] as [string, string]) })),
    );
  }
  if (arbitraries.length === 0) return [];
  // One stream per operation, from the run's seed and the operation's name, so adding an operation
  // does not change what the others are sent.
  const seed = (options.seed ^ hash(`${operation.method} ${operation.path}`)) | 0;
  return fc.sample(fc.oneof(...arbitraries), { seed, numRuns: options.runs });
}

/**
 * The order requests go out in: every operation's well-formed request first, then the rest of each
 * operation's, shuffled from the seed, taken in turns. A run cut short by its time limit has then
 * probed every operation with a sample of every kind of input, not half the operations fully.
 */
export function schedule(perOperation: FuzzRequest[][], seed: number): FuzzRequest[] {
  const random = mulberry32(seed);
  const queues = perOperation.map((requests) => {
    const [first, ...rest] = requests;
    for (let i = rest.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rest[i], rest[j]] = [rest[j], rest[i]];
    }
    return first ? [first, ...rest] : [];
  });
  const ordered: FuzzRequest[] = [];
  for (let round = 0; ordered.length < queues.reduce((sum, q) => sum + q.length, 0); round++) {
    for (const queue of queues) if (round < queue.length) ordered.push(queue[round]);
  }
  return ordered;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The kind of malformed input a request carries, for grouping the report: "NUL", "extreme date"… */
export function inputKind(label: string): string {
  if (label.startsWith("random:")) return "random";
  if (/NUL/.test(label)) return "NUL";
  if (/surrogate/.test(label)) return "lone surrogate";
  if (/date|year 0/.test(label)) return "extreme date";
  if (/number|1e308|NaN|2\^53|-1$/.test(label)) return "extreme number";
  if (/^method /.test(label)) return label;
  if (/content-type/.test(label)) return "content type";
  if (/MB|KB|10,000|100,000/.test(label)) return "huge";
  if (/__proto__|constructor|prototype/.test(label)) return "prototype key";
  const colon = label.lastIndexOf(": ");
  return colon >= 0 ? label.slice(colon + 2).replace(/ ".*$/, "") : label;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}
