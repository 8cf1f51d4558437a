import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma, type Tx } from "@/lib/db/client";
import { canonicalJson } from "@/lib/audit/chain";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { changeViolations, type ChangeViolation } from "@/lib/policy/changes";
import type { PolicyGrant, PolicyIncidentLink } from "@/lib/policy/types";
import type { ChangeInputData, ChangeListQuery } from "@/lib/validation/changes.validation";

export interface ChangeDto {
  id: string;
  externalId: string;
  service: string;
  environment: string;
  changeType: string;
  aiOrigin: string;
  tool: string | null;
  mode: string | null;
  approvers: string[];
  rollbackPlan: string | null;
  deployedAt: string;
  violations: ChangeViolation[];
}

export interface IngestResult {
  created: number;
  existing: number;
  changes: (ChangeDto & { status: "created" | "existing" })[];
}

const changeInclude = { environment: { select: { name: true } }, tool: { select: { slug: true } } } as const;
type ChangeRow = Prisma.ChangeGetPayload<{ include: typeof changeInclude }>;

function toDto(row: ChangeRow): ChangeDto {
  return {
    id: row.id,
    externalId: row.externalId,
    service: row.service,
    environment: row.environment.name,
    changeType: row.changeType,
    aiOrigin: row.aiOrigin,
    tool: row.tool?.slug ?? null,
    mode: row.mode,
    approvers: row.approvers,
    rollbackPlan: row.rollbackPlan,
    deployedAt: row.deployedAt.toISOString(),
    violations: row.violations as unknown as ChangeViolation[],
  };
}

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

interface ReferenceData {
  environments: Map<string, { id: string; name: string; tier: string; dataSensitivity: string; criticalPath: boolean }>;
  tools: Map<string, string>;
  users: Map<string, { id: string; senior: boolean }>;
  grants: PolicyGrant[];
  incidentLinks: PolicyIncidentLink[];
}

async function loadReferences(tx: Tx, changes: ChangeInputData[]): Promise<ReferenceData> {
  const toolSlugs = [...new Set(changes.flatMap((c) => (c.tool ? [c.tool] : [])))];
  const envNames = [...new Set(changes.map((c) => c.environment))];
  const emails = [...new Set(changes.flatMap((c) => c.approvers))];
  // Skip what the batch does not need: a human-only batch makes two queries, not five.
  const environments = await tx.environment.findMany({ where: { name: { in: envNames } } });
  const users = emails.length ? await tx.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, senior: true } }) : [];
  const tools = toolSlugs.length ? await tx.aiTool.findMany({ where: { slug: { in: toolSlugs } }, select: { id: true, slug: true } }) : [];
  const grants = toolSlugs.length
    ? await tx.grant.findMany({
        where: { tool: { slug: { in: toolSlugs } }, environment: { name: { in: envNames } } },
        include: { tool: { select: { slug: true } }, environment: { select: { name: true } }, decisions: { where: { decision: "APPROVE" }, select: { reviewerId: true } } },
      })
    : [];
  const links = toolSlugs.length
    ? await tx.incidentTool.findMany({
        where: { tool: { slug: { in: toolSlugs } } },
        include: { tool: { select: { slug: true } }, incident: { select: { key: true, severity: true, startedAt: true } } },
      })
    : [];
  return {
    environments: new Map(environments.map((e) => [e.name, e])),
    tools: new Map(tools.map((t) => [t.slug, t.id])),
    users: new Map(users.map((u) => [u.email, { id: u.id, senior: u.senior }])),
    grants: grants.map((g) => ({
      id: g.id,
      toolSlug: g.tool.slug,
      environment: g.environment.name,
      maxAutonomy: g.maxAutonomy,
      capabilities: g.capabilities,
      status: g.status,
      expiresAt: g.expiresAt,
      decidedAt: g.decidedAt,
      createdAt: g.createdAt,
      approverIds: g.decisions.map((d) => d.reviewerId),
    })),
    incidentLinks: links.map((l) => ({ toolSlug: l.tool.slug, incidentKey: l.incident.key, severity: l.incident.severity, startedAt: l.incident.startedAt, role: l.role })),
  };
}

function referenceProblems(changes: ChangeInputData[], indexes: number[], refs: ReferenceData, batch: boolean) {
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

// Violations are judged with the rules' inputs as they stand at ingestion: the approvers' seniority
// now, the tool's grants and incident history at the change's deployedAt.
function violationsFor(change: ChangeInputData, refs: ReferenceData): ChangeViolation[] {
  const env = refs.environments.get(change.environment)!;
  return changeViolations(
    {
      environment: { name: env.name, tier: env.tier as never, dataSensitivity: env.dataSensitivity as never, criticalPath: env.criticalPath },
      changeType: change.changeType,
      aiOrigin: change.aiOrigin,
      toolSlug: change.tool ?? null,
      mode: change.mode ?? null,
      approvers: change.approvers.map((email) => refs.users.get(email)!),
      rollbackPlan: change.rollbackPlan ?? null,
      deployedAt: new Date(change.deployedAt),
    },
    { grants: refs.grants.filter((g) => g.toolSlug === change.tool), incidentLinks: refs.incidentLinks.filter((l) => l.toolSlug === change.tool) },
  );
}

// Records deployments in the AI-origin ledger, all or nothing. Idempotent on externalId: the same
// payload again returns the stored change; a different payload under a known id is a conflict.
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

  return prisma().$transaction(async (tx) => {
    const existing = await tx.change.findMany({ where: { externalId: { in: [...firstIndex.keys()] } }, include: changeInclude });
    const existingById = new Map(existing.map((row) => [row.externalId, row]));
    for (const [externalId, index] of firstIndex) {
      const stored = existingById.get(externalId);
      if (stored && stored.payloadHash !== hashes[index]) {
        const field = options.batch ? `${index}.externalId` : "externalId";
        throw new AppError("CONFLICT", `${field}: change "${externalId}" was already recorded with a different payload`, [{ field, message: "externalId already used for a different change" }]);
      }
    }
    const fresh = [...firstIndex].filter(([externalId]) => !existingById.has(externalId)).map(([, index]) => index);
    const freshChanges = fresh.map((index) => changes[index]);
    const refs = await loadReferences(tx, freshChanges);
    const problems = referenceProblems(changes, fresh, refs, options.batch);
    if (problems.length) throw new AppError("UNPROCESSABLE", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);

    const rows = fresh.map((index) => {
      const change = changes[index];
      return {
        externalId: change.externalId,
        service: change.service,
        environmentId: refs.environments.get(change.environment)!.id,
        changeType: change.changeType,
        aiOrigin: change.aiOrigin,
        toolId: change.tool ? refs.tools.get(change.tool)! : null,
        mode: change.mode ?? null,
        approvers: [...new Set(change.approvers)],
        rollbackPlan: change.rollbackPlan ?? null,
        deployedAt: new Date(change.deployedAt),
        violations: violationsFor(change, refs) as unknown as Prisma.InputJsonValue,
        payloadHash: hashes[index],
      };
    });
    const created = rows.length ? await tx.change.createManyAndReturn({ data: rows, include: changeInclude }) : [];
    // Last, so the audit chain's lock is held only for the moment before commit.
    if (rows.length) {
      await recordAudit(tx, actor, {
        action: "changes.ingested",
        entity: "Change",
        entityId: rows.length === 1 ? rows[0].externalId : `batch of ${rows.length}`,
        after: { externalIds: rows.map((r) => r.externalId), violations: rows.reduce((n, r) => n + (r.violations as unknown[]).length, 0) },
      });
    }
    const byId = new Map<string, { row: ChangeRow; status: "created" | "existing" }>();
    for (const row of existing) byId.set(row.externalId, { row, status: "existing" });
    for (const row of created) byId.set(row.externalId, { row, status: "created" });
    return {
      created: created.length,
      existing: existing.length,
      changes: [...firstIndex.keys()].map((externalId) => {
        const { row, status } = byId.get(externalId)!;
        return { ...toDto(row), status };
      }),
    };
  });
}

// Recomputes stored violations of every change (after the seed, or after a policy change).
export async function recomputeChangeViolations(tx: Tx): Promise<void> {
  const rows = await tx.change.findMany({ include: changeInclude });
  const inputs: ChangeInputData[] = rows.map((row) => ({
    externalId: row.externalId,
    service: row.service,
    environment: row.environment.name,
    changeType: row.changeType,
    aiOrigin: row.aiOrigin,
    tool: row.tool?.slug ?? null,
    mode: row.mode,
    approvers: row.approvers,
    rollbackPlan: row.rollbackPlan,
    deployedAt: row.deployedAt.toISOString(),
  }));
  const refs = await loadReferences(tx, inputs);
  for (const [index, row] of rows.entries()) {
    await tx.change.update({ where: { id: row.id }, data: { violations: violationsFor(inputs[index], refs) as unknown as Prisma.InputJsonValue } });
  }
}

function whereFor(query: Omit<ChangeListQuery, "sort" | "dir" | "page" | "pageSize">): Prisma.ChangeWhereInput {
  const where: Prisma.ChangeWhereInput[] = [];
  if (query.aiOrigin.length) where.push({ aiOrigin: { in: query.aiOrigin } });
  if (query.environment) where.push({ environment: { name: query.environment } });
  if (query.tool) where.push({ tool: { slug: query.tool } });
  if (query.violating) where.push({ NOT: { violations: { equals: [] } } });
  return { AND: where };
}

const ORDER: Record<ChangeListQuery["sort"], (dir: "asc" | "desc") => Prisma.ChangeOrderByWithRelationInput> = {
  deployedAt: (dir) => ({ deployedAt: dir }),
  service: (dir) => ({ service: dir }),
  environment: (dir) => ({ environment: { name: dir } }),
  tool: (dir) => ({ tool: { slug: dir } }),
  aiOrigin: (dir) => ({ aiOrigin: dir }),
  changeType: (dir) => ({ changeType: dir }),
};

// `all` returns every row of the filtered, sorted view as one page (the CSV export of the table).
export async function listChanges(actor: Actor, query: ChangeListQuery, { all = false }: { all?: boolean } = {}) {
  authorize(actor, "register:read");
  const db = prisma();
  const where = whereFor(query);
  const total = await db.change.count({ where });
  const pageSize = all ? Math.max(1, total) : query.pageSize;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = all ? 1 : Math.min(query.page, pageCount);
  const rows = await db.change.findMany({
    where,
    include: changeInclude,
    orderBy: [ORDER[query.sort](query.dir), { externalId: "asc" }],
    skip: (page - 1) * pageSize,
    take: all ? undefined : pageSize,
  });
  return { rows: rows.map(toDto), total, page, pageSize, pageCount };
}

// The overview's signal of the week: AI-made production changes that shipped without a senior approver.
export async function aiChangesWithoutSeniorThisWeek(actor: Actor, now = new Date()): Promise<number> {
  authorize(actor, "register:read");
  return prisma().change.count({
    where: {
      deployedAt: { gte: new Date(now.getTime() - 7 * 86_400_000), lte: now },
      violations: { array_contains: [{ code: "AI_CHANGE_WITHOUT_SENIOR_APPROVER" }] },
    },
  });
}
