// Writes deployments into the AI-origin ledger (POST /api/v1/changes) with group commit: requests
// that arrive while a write is in flight are written together by the next transaction. Each request
// keeps its own outcome (created, existing, 409, 422) and its own audit event; only the transaction,
// the audit chain's lock and the reference lookups are shared. Fifty CI/CD clients posting single
// events then cost a handful of transactions instead of fifty serialised on the chain's lock.
import { createHash, randomUUID } from "node:crypto";
import { prisma, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { coalesce, type Settled } from "@/lib/db/coalesce";
import { isUniqueViolation } from "@/lib/db/errors";
import { canonicalJson } from "@/lib/audit/chain";
import { appendAuditEvents, AUDIT_CHAIN_HEAD, LOCK_AUDIT_CHAIN } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { changeViolations, type ChangeViolation } from "@/lib/policy/changes";
import type { Policy } from "@/lib/policy/policy";
import type { PolicyEnvironment, PolicyGrant, PolicyIncidentLink } from "@/lib/policy/types";
import type { ChangeCheckDto, ChangeDto, IngestResult } from "@/lib/dto/changes";
import type { RegisterEvent } from "@/lib/notifications/events";
import type { ChangeCheckInput, ChangeInputData } from "@/lib/validation/changes.validation";
import { groupBy } from "@/lib/group-by";
import { outboxInsert } from "./outbox";
import { storedPolicy } from "./policy";

// The payload's identity for idempotency: the same event sent twice hashes the same whatever its key
// order, approver order or time-zone notation.
export function changePayloadHash(change: ChangeInputData): string {
  const normalized = {
    ...change,
    tool: change.tool ?? null,
    mode: change.mode ?? null,
    rollbackPlan: change.rollbackPlan ?? null,
    approvers: [...new Set(change.approvers)].sort(),
    deployedAt: new Date(change.deployedAt).toISOString(),
  };
  return createHash("sha256").update(canonicalJson(normalized)).digest("hex");
}

interface StoredChange {
  dto: ChangeDto;
  payloadHash: string;
}

export interface ChangeReferences {
  environments: Map<string, PolicyEnvironment & { id: string }>;
  tools: Map<string, string>;
  users: Map<string, { id: string; senior: boolean }>;
  grantsByTool: Map<string, PolicyGrant[]>;
  incidentLinksByTool: Map<string, PolicyIncidentLink[]>;
  /** The policy in force; the defaults when none was ever saved. */
  policy: Policy;
  /** Changes already recorded under the externalIds asked for. */
  stored: Map<string, StoredChange>;
  /** Whether an active subscription wants change.violation: without one, no notification is built. */
  violationsNotified: boolean;
}

// Timestamps leave Postgres inside JSON as ISO text without a zone; the columns hold UTC.
function utc(value: string): Date;
function utc(value: string | null): Date | null;
function utc(value: string | null): Date | null {
  return value === null ? null : new Date(`${value}Z`);
}

type WithTextDates<T, K extends keyof T> = Omit<T, K> & { [P in K]: null extends T[P] ? string | null : string };

// Everything the checks and the violation rules need, in one statement: it runs for every written
// group, and each round trip costs the server's one thread more than the query costs Postgres.
// `lockAuditChain` also takes the audit chain's lock in that statement, for a writer that will extend it.
export async function loadChangeReferences(
  tx: Tx,
  changes: ChangeInputData[],
  { storedIds = [], lockAuditChain = false }: { storedIds?: string[]; lockAuditChain?: boolean } = {},
): Promise<ChangeReferences> {
  const toolSlugs = [...new Set(changes.flatMap((c) => (c.tool ? [c.tool] : [])))];
  const envNames = [...new Set(changes.map((c) => c.environment))];
  const emails = [...new Set(changes.flatMap((c) => c.approvers))];
  const [row] = await tx.$queryRaw<
    {
      environments: (PolicyEnvironment & { id: string })[];
      users: { id: string; email: string; senior: boolean }[];
      tools: { id: string; slug: string }[];
      grants: WithTextDates<PolicyGrant, "expiresAt" | "decidedAt" | "createdAt">[];
      incident_links: WithTextDates<PolicyIncidentLink, "startedAt">[];
      stored: (WithTextDates<ChangeDto, "deployedAt"> & { payloadHash: string })[];
      policy: unknown;
      violations_notified: boolean;
    }[]
  >`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'tier', tier, 'dataSensitivity', "dataSensitivity", 'criticalPath', "criticalPath")), '[]')
         FROM "Environment" WHERE name = ANY(${envNames}::text[])) AS environments,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'email', email, 'senior', senior)), '[]')
         FROM "User" WHERE email = ANY(${emails}::text[])) AS users,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'slug', slug)), '[]')
         FROM "AiTool" WHERE slug = ANY(${toolSlugs}::text[])) AS tools,
      (SELECT coalesce(json_agg(json_build_object(
           'id', g.id, 'toolSlug', t.slug, 'environment', e.name, 'maxAutonomy', g."maxAutonomy", 'capabilities', g.capabilities,
           'status', g.status, 'expiresAt', g."expiresAt", 'decidedAt', g."decidedAt", 'createdAt', g."createdAt",
           'approverIds', ARRAY(SELECT d."reviewerId" FROM "Decision" d WHERE d."grantId" = g.id AND d.decision = 'APPROVE'))), '[]')
         FROM "Grant" g JOIN "AiTool" t ON t.id = g."toolId" JOIN "Environment" e ON e.id = g."environmentId"
         WHERE t.slug = ANY(${toolSlugs}::text[]) AND e.name = ANY(${envNames}::text[])) AS grants,
      (SELECT coalesce(json_agg(json_build_object('toolSlug', t.slug, 'incidentKey', i.key, 'severity', i.severity, 'startedAt', i."startedAt", 'role', l.role)), '[]')
         FROM "IncidentTool" l JOIN "AiTool" t ON t.id = l."toolId" JOIN "Incident" i ON i.id = l."incidentId"
         WHERE t.slug = ANY(${toolSlugs}::text[])) AS incident_links,
      (SELECT coalesce(json_agg(json_build_object(
           'id', c.id, 'externalId', c."externalId", 'service', c.service, 'environment', e.name, 'changeType', c."changeType", 'aiOrigin', c."aiOrigin",
           'tool', t.slug, 'mode', c.mode, 'approvers', c.approvers, 'rollbackPlan', c."rollbackPlan", 'deployedAt', c."deployedAt",
           'violations', c.violations, 'payloadHash', c."payloadHash")), '[]')
         FROM "Change" c JOIN "Environment" e ON e.id = c."environmentId" LEFT JOIN "AiTool" t ON t.id = c."toolId"
         WHERE c."externalId" = ANY(${storedIds}::text[])) AS stored,
      (SELECT policy FROM "PolicyVersion" ORDER BY id DESC LIMIT 1) AS policy,
      (SELECT count(*) > 0 FROM "WebhookSubscription" s WHERE s.active AND (cardinality(s."eventTypes") = 0 OR 'change.violation' = ANY(s."eventTypes"))) AS violations_notified
    FROM (SELECT ${lockAuditChain ? LOCK_AUDIT_CHAIN : Prisma.sql`NULL`}) AS chain_lock`;
  const grants = row.grants.map((g) => ({ ...g, expiresAt: utc(g.expiresAt), decidedAt: utc(g.decidedAt), createdAt: utc(g.createdAt) }));
  const incidentLinks = row.incident_links.map((l) => ({ ...l, startedAt: utc(l.startedAt) }));
  return {
    environments: new Map(row.environments.map((e) => [e.name, e])),
    tools: new Map(row.tools.map((t) => [t.slug, t.id])),
    users: new Map(row.users.map((u) => [u.email, { id: u.id, senior: u.senior }])),
    grantsByTool: groupBy(grants, (g) => g.toolSlug),
    incidentLinksByTool: groupBy(incidentLinks, (l) => l.toolSlug),
    policy: storedPolicy(row.policy),
    stored: new Map(row.stored.map(({ payloadHash, ...dto }) => [dto.externalId, { dto: { ...dto, deployedAt: utc(dto.deployedAt) }, payloadHash }])),
    violationsNotified: row.violations_notified,
  };
}

function referenceProblems(changes: ChangeInputData[], indexes: number[], refs: ChangeReferences, batch: boolean) {
  const problems: { field: string; message: string }[] = [];
  const at = (index: number, field: string) => (batch ? `${index}.${field}` : field);
  indexes.forEach((index) => {
    const change = changes[index];
    if (!refs.environments.has(change.environment)) problems.push({ field: at(index, "environment"), message: `unknown environment "${change.environment}"` });
    if (change.tool && !refs.tools.has(change.tool)) problems.push({ field: at(index, "tool"), message: `unknown tool "${change.tool}"` });
    change.approvers.forEach((email, i) => {
      if (!refs.users.has(email)) problems.push({ field: at(index, `approvers.${i}`), message: `no user with email "${email}"` });
    });
  });
  return problems;
}

const unprocessable = (problems: { field: string; message: string }[]) => new AppError("UNPROCESSABLE", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);

// Violations are judged with the rules' inputs as they stand at ingestion: the approvers' seniority
// now, the tool's grants and incident history at the change's deployedAt.
export function violationsFor(change: ChangeInputData, refs: ChangeReferences): ChangeViolation[] {
  const env = refs.environments.get(change.environment)!;
  return changeViolations(
    {
      environment: { name: env.name, tier: env.tier, dataSensitivity: env.dataSensitivity, criticalPath: env.criticalPath },
      changeType: change.changeType,
      aiOrigin: change.aiOrigin,
      toolSlug: change.tool ?? null,
      mode: change.mode ?? null,
      approvers: change.approvers.map((email) => refs.users.get(email)!),
      rollbackPlan: change.rollbackPlan ?? null,
      deployedAt: new Date(change.deployedAt),
    },
    {
      grants: (change.tool && refs.grantsByTool.get(change.tool)) || [],
      incidentLinks: (change.tool && refs.incidentLinksByTool.get(change.tool)) || [],
    },
    refs.policy,
  );
}

interface NewChange extends StoredChange {
  environmentId: string;
  toolId: string | null;
}

function newChange(change: ChangeInputData, payloadHash: string, refs: ChangeReferences): NewChange {
  return {
    dto: {
      // The raw insert cannot use Prisma's client-side cuid(); a UUID is as unique.
      id: randomUUID(),
      externalId: change.externalId,
      service: change.service,
      environment: change.environment,
      changeType: change.changeType,
      aiOrigin: change.aiOrigin,
      tool: change.tool ?? null,
      mode: change.mode ?? null,
      approvers: [...new Set(change.approvers)],
      rollbackPlan: change.rollbackPlan ?? null,
      deployedAt: new Date(change.deployedAt),
      violations: violationsFor(change, refs),
    },
    environmentId: refs.environments.get(change.environment)!.id,
    toolId: change.tool ? refs.tools.get(change.tool)! : null,
    payloadHash,
  };
}

// Returns the audit chain's head, read in the same statement: the chain's lock was taken by the
// statement before (loadChangeReferences), so this one's snapshot sees every earlier writer.
async function insertChanges(tx: Tx, rows: NewChange[], notify: boolean): Promise<string | null> {
  const column = <T>(pick: (row: NewChange) => T) => rows.map(pick);
  // The violations' notifications ride in the same statement: no round trip more under the chain's lock.
  const violations = notify ? rows.filter((row) => row.dto.violations.length > 0).map(violationEvent) : [];
  const outbox = violations.length ? Prisma.sql`, outbox AS (${outboxInsert(violations).sql})` : Prisma.empty;
  // Approver lists differ in length, which unnest's parallel arrays cannot carry: they travel as JSON.
  const [{ head }] = await tx.$queryRaw<{ head: string | null }[]>`
    WITH inserted AS (INSERT INTO "Change" ("id", "externalId", "service", "environmentId", "changeType", "aiOrigin", "toolId", "mode", "approvers",
                          "rollbackPlan", "deployedAt", "violations", "payloadHash", "createdAt")
    SELECT v.id, v.external_id, v.service, v.environment_id, v.change_type::"ChangeType", v.ai_origin::"AiOrigin", v.tool_id, v.mode::"Autonomy",
           ARRAY(SELECT jsonb_array_elements_text(v.approvers::jsonb)), v.rollback_plan, v.deployed_at::timestamptz AT TIME ZONE 'UTC',
           v.violations::jsonb, v.payload_hash, now() AT TIME ZONE 'UTC'
    FROM unnest(
      ${column((r) => r.dto.id)}::text[], ${column((r) => r.dto.externalId)}::text[], ${column((r) => r.dto.service)}::text[],
      ${column((r) => r.environmentId)}::text[], ${column((r) => r.dto.changeType)}::text[], ${column((r) => r.dto.aiOrigin)}::text[],
      ${column((r) => r.toolId)}::text[], ${column((r) => r.dto.mode)}::text[], ${column((r) => JSON.stringify(r.dto.approvers))}::text[],
      ${column((r) => r.dto.rollbackPlan)}::text[], ${column((r) => r.dto.deployedAt.toISOString())}::text[], ${column((r) => JSON.stringify(r.dto.violations))}::text[],
      ${column((r) => r.payloadHash)}::text[]
    ) AS v(id, external_id, service, environment_id, change_type, ai_origin, tool_id, mode, approvers, rollback_plan, deployed_at, violations, payload_hash))
    ${outbox}
    SELECT ${AUDIT_CHAIN_HEAD} AS head`;
  return head;
}

interface IngestionRequest {
  actor: Actor;
  changes: ChangeInputData[];
  hashes: string[];
  /** Index of each externalId's first occurrence in the request. */
  firstIndex: Map<string, number>;
  batch: boolean;
}

function conflict(field: string, externalId: string): AppError {
  return new AppError("CONFLICT", `${field}: change "${externalId}" was already recorded with a different payload`, [{ field, message: "externalId already used for a different change" }]);
}

// One transaction for a group of requests. A request that fails its checks gets its error and
// writes nothing; the others go on. Requests are judged in arrival order, so of two in one group
// that carry the same externalId the first creates it and the second finds it existing (or conflicting).
async function writeGroup(tx: Tx, requests: IngestionRequest[]): Promise<Settled<IngestResult>[]> {
  // Five round trips in all (begin, references, changes, audit events, commit): under load each one
  // waits its turn on the server's one thread, so the chain's lock and head ride along with others.
  const refs = await loadChangeReferences(
    tx,
    requests.flatMap((request) => request.changes),
    { storedIds: requests.flatMap((request) => [...request.firstIndex.keys()]), lockAuditChain: true },
  );
  const claimed = new Map<string, NewChange>();
  const known = (externalId: string): StoredChange | undefined => refs.stored.get(externalId) ?? claimed.get(externalId);
  const audited: { actor: Actor; rows: NewChange[] }[] = [];

  const outcomes = requests.map((request): Settled<IngestResult> => {
    const field = (index: number, name: string) => (request.batch ? `${index}.${name}` : name);
    for (const [externalId, index] of request.firstIndex) {
      const hash = known(externalId)?.payloadHash;
      if (hash !== undefined && hash !== request.hashes[index]) return { error: conflict(field(index, "externalId"), externalId) };
    }
    const fresh = [...request.firstIndex].filter(([externalId]) => !known(externalId)).map(([, index]) => index);
    const problems = referenceProblems(request.changes, fresh, refs, request.batch);
    if (problems.length) return { error: unprocessable(problems) };

    const changes: IngestResult["changes"] = [...request.firstIndex.keys()].flatMap((externalId) => {
      const change = known(externalId);
      return change ? [{ ...change.dto, status: "existing" as const }] : [];
    });
    const rows = fresh.map((index) => newChange(request.changes[index], request.hashes[index], refs));
    const existing = changes.length;
    for (const row of rows) {
      claimed.set(row.dto.externalId, row);
      changes.push({ ...row.dto, status: "created" });
    }
    if (rows.length) audited.push({ actor: request.actor, rows });
    const order = new Map([...request.firstIndex.keys()].map((externalId, i) => [externalId, i]));
    changes.sort((a, b) => order.get(a.externalId)! - order.get(b.externalId)!);
    return { value: { created: rows.length, existing, changes } };
  });

  if (claimed.size === 0) return outcomes;
  const head = await insertChanges(tx, [...claimed.values()], refs.violationsNotified);
  await appendAuditEvents(
    tx,
    audited.map(({ actor, rows }) => ({
      actor,
      action: "changes.ingested",
      entity: "Change",
      entityId: rows.length === 1 ? rows[0].dto.externalId : `batch of ${rows.length}`,
      after: { externalIds: rows.map((r) => r.dto.externalId), violations: rows.reduce((n, r) => n + r.dto.violations.length, 0) },
    })),
    head,
  );
  return outcomes;
}

function violationEvent({ dto }: NewChange): RegisterEvent {
  const codes = dto.violations.map((violation) => violation.code);
  return {
    type: "change.violation",
    at: new Date(),
    summary: `${dto.service} deployed to ${dto.environment} (${dto.changeType}, ${dto.aiOrigin}${dto.tool ? ` by ${dto.tool}` : ""}) broke ${codes.join(", ")}.`,
    subject: { tool: dto.tool ?? undefined, environment: dto.environment },
    links: { changes: `/changes?violating=1&environment=${encodeURIComponent(dto.environment)}${dto.tool ? `&tool=${encodeURIComponent(dto.tool)}` : ""}` },
    details: { change: dto.externalId, service: dto.service, changeType: dto.changeType, aiOrigin: dto.aiOrigin, mode: dto.mode, approvers: dto.approvers, deployedAt: dto.deployedAt, violations: dto.violations },
  };
}

async function commitGroup(requests: IngestionRequest[], retried = false): Promise<Settled<IngestResult>[]> {
  try {
    return await prisma().$transaction((tx) => writeGroup(tx, requests));
  } catch (error) {
    if (requests.length === 1) {
      // Another process recorded one of its externalIds after our read: once more, the request
      // finds that change and gets 200 or 409 like any repeat.
      if (isUniqueViolation(error) && !retried) return commitGroup(requests, true);
      return [{ error }];
    }
    // A database error must not fail the requests that did not cause it: each is retried on its own.
    const outcomes: Settled<IngestResult>[] = [];
    for (const request of requests) outcomes.push(...(await commitGroup([request])));
    return outcomes;
  }
}

// A group's transaction carries at most this many events, so one write does not grow without bound.
const MAX_EVENTS_PER_GROUP = 5_000;

const enqueue = coalesce(commitGroup, { weight: (request) => request.changes.length, maxWeight: MAX_EVENTS_PER_GROUP });

// Records deployments in the AI-origin ledger, all or nothing per request. Idempotent on externalId:
// the same payload again returns the stored change; a different payload under a known id is a conflict.
export async function ingestChanges(actor: Actor, changes: ChangeInputData[], options: { batch: boolean }): Promise<IngestResult> {
  authorize(actor, "change:ingest");
  const hashes = changes.map(changePayloadHash);
  const firstIndex = new Map<string, number>();
  changes.forEach((change, index) => {
    const seen = firstIndex.get(change.externalId);
    if (seen === undefined) firstIndex.set(change.externalId, index);
    else if (hashes[seen] !== hashes[index]) {
      throw new AppError("CONFLICT", `${index}.externalId: "${change.externalId}" appears twice in the batch with different payloads`, [{ field: `${index}.externalId`, message: "duplicate externalId with a different payload" }]);
    }
  });
  return enqueue({ actor, changes, hashes, firstIndex, batch: options.batch });
}

/**
 * POST /api/v1/changes/check: the violations the same rules would record for this change, at its
 * deployedAt or now, and nothing stored. What a deploy gate asks before the deployment.
 */
export async function checkChange(actor: Actor, change: ChangeCheckInput): Promise<ChangeCheckDto> {
  authorize(actor, "register:read");
  const judged: ChangeInputData = { ...change, externalId: change.externalId ?? "check", deployedAt: change.deployedAt ?? new Date().toISOString() };
  const refs = await loadChangeReferences(prisma(), [judged]);
  const problems = referenceProblems([judged], [0], refs, false);
  if (problems.length) throw unprocessable(problems);
  const violations = violationsFor(judged, refs);
  return { allowed: violations.length === 0, violations };
}
