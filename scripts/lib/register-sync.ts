// The scan's two calls to the register: post a sync plan as a discovery run, then read the open
// findings of the pairs it posted (for --fail-on). Plain fetch against the v1 API with a bearer token.
import type { SyncPlan } from "../../lib/discovery/scan";
import type { DiscoveryRunDto } from "../../lib/dto/discovery";
import type { FindingDto } from "../../lib/dto/findings";
import type { Page } from "../../lib/dto/page";

const REQUEST_TIMEOUT_MS = 120_000;

export class RegisterError extends Error {}

async function call<T>(base: string, token: string, path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  const url = new URL(path, base);
  try {
    response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(init.body ? { "content-type": "application/json" } : {}) },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new RegisterError(`${init.method ?? "GET"} ${url.href} failed: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text.slice(0, 2000);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // not JSON: the text itself says what went wrong
    }
    throw new RegisterError(`${init.method ?? "GET"} ${url.pathname} answered ${response.status}: ${message}`);
  }
  return JSON.parse(text, (key, value) => (key === "at" && typeof value === "string" ? new Date(value) : value)) as T;
}

export interface PostedRun {
  scope: string;
  filesRead: number;
  owners: Record<string, string>;
}

export function postDiscoveryRun(base: string, token: string, plan: SyncPlan, run: PostedRun): Promise<DiscoveryRunDto> {
  const body = { ...run, connectors: plan.connectors, observations: plan.observations, unknown: plan.unknown, errors: plan.errors };
  return call<DiscoveryRunDto>(base, token, "/api/v1/discovery/runs", { method: "POST", body: JSON.stringify(body) });
}

const SETTLE_POLL_MS = 500;

/**
 * Waits until the register's findings reflect the run (a large run outlasts the POST's own wait for
 * them); false when they still do not after `timeoutMs`.
 */
export async function findingsSettled(base: string, token: string, runId: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await call<DiscoveryRunDto>(base, token, `/api/v1/discovery/runs/${encodeURIComponent(runId)}`);
    if (run.findingsCurrent) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

/** The open findings of the tool × environment pairs a run posted, as the register judges them now. */
export async function openFindingsOf(base: string, token: string, pairs: { tool: string; environment: string }[]): Promise<FindingDto[]> {
  const wanted = new Set(pairs.map((p) => `${p.tool}\u0000${p.environment}`));
  const found: FindingDto[] = [];
  for (const tool of [...new Set(pairs.map((p) => p.tool))]) {
    for (let page = 1, pageCount = 1; page <= pageCount; page++) {
      const query = new URLSearchParams({ tool, state: "open", page: String(page), pageSize: "200" });
      const answer = await call<Page<FindingDto>>(base, token, `/api/v1/findings?${query}`);
      pageCount = answer.pageCount;
      found.push(...answer.rows.filter((f) => wanted.has(`${f.tool}\u0000${f.environment}`)));
    }
  }
  return found;
}
