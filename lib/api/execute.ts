// The request pipeline every /api/v1 operation runs, whichever router serves it: the URL check, one
// actor resolution, the permission the operation declares, its query, body and answer schemas, and
// the documented error body for whatever is thrown.
import { findingsCaughtUp } from "@/lib/data/finding-evaluator";
import { AppError } from "@/lib/errors/app-error";
import { authorize, type Actor } from "@/lib/auth/actor";
import { searchParamsRecord } from "@/lib/validation/paging";
import { unsafeTextIssue } from "@/lib/validation/safe-text";
import { actorFromAuthorization } from "./bearer";
import { apiError } from "./error-body";
import { type Operation, type OperationHandler, Reply } from "./operation";
import { assertJsonContentType, assertTextContentType, parseJson } from "./read-json";
import { assertSameOrigin, assertSafeUrl } from "./request-guard";
import { assertAnswerMatches, checksAnswers } from "./answer-check";

/** What the pipeline needs of a request, from either router. */
export interface ApiRequest {
  method: string;
  /** The request URL, absolute or from the path on. */
  url: string;
  params: Record<string, string>;
  header: (name: string) => string | undefined;
  /** The body as text, at most MAX_BODY_BYTES however it is sent. */
  readText: () => Promise<string>;
  /** The signed-in user of the browser session, if any. */
  sessionActor: () => Promise<Actor | null>;
}

/** What the pipeline answers, for either router to write. */
export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | ReadableStream<Uint8Array> | null;
}

const JSON_HEADERS = { "content-type": "application/json" };

// A bearer token is for scripts; without one the browser session acts, and its writes must come
// from the register's own pages.
async function actorOf(request: ApiRequest): Promise<Actor | null> {
  const authorization = request.header("authorization");
  if (authorization !== undefined) return actorFromAuthorization(authorization);
  const actor = await request.sessionActor();
  if (actor) assertSameOrigin(request.method, request.header);
  return actor;
}

async function readBody(operation: Operation, request: ApiRequest): Promise<unknown> {
  if (operation.body) {
    // An optional body is read first: when nothing is sent, the schema's defaults apply.
    const text = operation.bodyOptional ? await request.readText() : undefined;
    if (text === "") return operation.body.parse({});
    assertJsonContentType(request.header("content-type"));
    return operation.body.parse(parseJson(text ?? (await request.readText())));
  }
  if (operation.textBody) {
    assertTextContentType(request.header("content-type"), operation.textBody.mediaTypes);
    const text = await request.readText();
    const issue = unsafeTextIssue(text);
    if (issue) throw new AppError("VALIDATION", `body: ${issue.message}`, [{ ...issue, field: "body" }]);
    return text;
  }
  return undefined;
}

async function toAnswer(operation: Operation, result: unknown): Promise<ApiAnswer> {
  if (result instanceof Response) {
    const headers: Record<string, string> = {};
    result.headers.forEach((value, name) => (headers[name] = value));
    return { status: result.status, headers, body: result.body };
  }
  const reply = result instanceof Reply ? result : new Reply(result, operation.status ?? 200);
  if (reply.status === 204) return { status: 204, headers: reply.headers, body: null };
  const schema = reply.status === 202 ? operation.accepted?.response : operation.response;
  if (checksAnswers()) assertAnswerMatches(`${operation.method} ${operation.path} → ${reply.status}`, schema, reply.body);
  return { status: reply.status, headers: { ...JSON_HEADERS, ...reply.headers }, body: JSON.stringify(reply.body) };
}

/**
 * `prefetch` starts the handler's reads from the validated body while the caller is still being
 * identified; a refusal (401, 403) still comes before any complaint about the body.
 */
export async function executeOperation<O extends Operation>(operation: O, handler: OperationHandler<O>, request: ApiRequest, prefetch?: (body: unknown) => void): Promise<ApiAnswer> {
  try {
    // Also behind proxy.ts, so that a route is safe whatever the proxy's matcher says.
    assertSafeUrl(request.url);
    const earlyBody = prefetch ? readBody(operation, request).then((body) => (prefetch(body), body)) : undefined;
    earlyBody?.catch(() => undefined);
    // A public operation (health, this API's reference) answers whoever asks, without a lookup.
    const actor = operation.permission === null ? null : await actorOf(request);
    if (operation.permission !== null) authorize(actor, operation.permission);
    const url = new URL(request.url, "http://localhost");
    const query = operation.query ? operation.query.parse(searchParamsRecord(url.searchParams)) : undefined;
    const body = await (earlyBody ?? readBody(operation, request));
    const context = { actor, params: request.params, query, body, header: request.header };
    const answer = await toAnswer(operation, await handler(context as Parameters<OperationHandler<O>>[0]));
    if (operation.method !== "GET" && !operation.leavesFindings && answer.status < 300) await findingsCaughtUp();
    return answer;
  } catch (error) {
    const { status, body, headers } = apiError(error);
    return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
  }
}
