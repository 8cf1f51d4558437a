// Discovery runs: a scan's observations written to the register. A run replaces only the rows its
// connectors wrote before in its scope, so declarations, API syncs, other connectors and other
// repositories' scans stay; the policy merges a pair's rows (the riskier wins).
import "server-only";
import { prisma, type Tx } from "@/lib/db/client";
import { isTransactionConflict, isUniqueViolation } from "@/lib/db/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvents, type AuditEventInput } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors/app-error";
import type { DiscoveryRunDto, DiscoveryRunSummaryDto } from "@/lib/dto/discovery";
import type { Page } from "@/lib/dto/page";
import { compareAutonomy, type Autonomy } from "@/lib/policy/types";
import { slugField } from "@/lib/validation/catalog.validation";
import type { DiscoveryEvidence, DiscoveryRunInput, DiscoveryRunQuery } from "@/lib/validation/discovery.validation";
import { groupBy } from "@/lib/group-by";
import { teamIdsByName } from "./catalog";
import { findingsCurrentAfter } from "./finding-evaluator";
import { unknownReferences, unprocessableReferences } from "./observations";
import { paged } from "./page-window";
import { toolFieldsDto } from "./tool-dto";

// Two-key advisory locks (the evaluator's tool lock is another class): one run of a scope at a time,
// since each replaces what the last wrote there; and one creator of a new tool at a time, taken in
// slug order so that runs of different scopes never wait on each other in a circle.
const SCOPE_LOCK_CLASS = 72_707_373;
const NEW_TOOL_LOCK_CLASS = 72_707_374;

interface StoredRow {
  toolId: string;
  environmentId: string;
  connector: string;
  autonomy: Autonomy;
  capabilities: string[];
  evidence: Prisma.JsonValue;
}

const rowKey = (r: { toolId: string; environmentId: string; connector: string }) => `${r.toolId}\u0000${r.environmentId}\u0000${r.connector}`;
// jsonb keeps keys in an order of its own, so evidence is compared by its fields, not its text.
const evidenceText = (evidence: Prisma.JsonValue) => (evidence as DiscoveryEvidence[]).map((e) => `${e.connector}\u0000${e.file}\u0000${e.line}\u0000${e.detail}`).join("\u0001");
const sameRow = (a: StoredRow, b: StoredRow) =>
  a.autonomy === b.autonomy && [...a.capabilities].sort().join() === [...b.capabilities].sort().join() && evidenceText(a.evidence) === evidenceText(b.evidence);

/** A tool's rows of the run's scope and connectors, as its audit event shows them. */
const auditedRows = (rows: StoredRow[], environmentName: Map<string, string>) =>
  rows
    .map((r) => ({
      environment: environmentName.get(r.environmentId) ?? r.environmentId,
      connector: r.connector,
      autonomy: r.autonomy,
      capabilities: [...r.capabilities].sort(),
      evidence: (r.evidence as DiscoveryEvidence[]).map((e) => `${e.file}:${e.line}`),
    }))
    .sort((a, b) => a.environment.localeCompare(b.environment) || a.connector.localeCompare(b.connector));

/** The autonomy levels a new tool was seen at: its modes until its owner says otherwise. */
const modesSeen = (levels: Autonomy[]): Autonomy[] => [...new Set(levels)].sort(compareAutonomy);

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The owner team a run names for a slug: its own key only (a slug such as "constructor" is no method). */
const ownerNamed = (owners: Record<string, string>, slug: string): string | undefined => (Object.hasOwn(owners, slug) ? owners[slug] : undefined);

/** The register's ids for the run's tools, environments and capabilities, or every name it lacks. */
async function resolveNames(tx: Tx, run: DiscoveryRunInput) {
  const slugs = [...new Set(run.observations.map((o) => o.tool))];
  const tools = await tx.aiTool.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const environments = await tx.environment.findMany({ select: { id: true, name: true } });
  const capabilities = await tx.capability.findMany({ select: { key: true } });
  const toolIds = new Map(tools.map((t) => [t.slug, t.id]));
  const environmentIds = new Map(environments.map((e) => [e.name, e.id]));
  const teams = await teamIdsByName(tx);

  const problems = unknownReferences(run.observations, environmentIds, new Set(capabilities.map((c) => c.key)), "observations.");
  const proposals = new Map<string, { teamId: string; index: number }>();
  const skipped = new Set<string>();
  run.observations.forEach((o, index) => {
    if (toolIds.has(o.tool) || proposals.has(o.tool) || skipped.has(o.tool)) return;
    const owner = ownerNamed(run.owners, o.tool);
    if (owner === undefined) {
      skipped.add(o.tool);
      return;
    }
    const slug = slugField.safeParse(o.tool);
    if (!slug.success) {
      problems.push({ field: `observations.${index}.tool`, message: `"${o.tool}" is not in the register and cannot be created: ${slug.error.issues[0].message}` });
      return;
    }
    const team = teams.resolve(owner);
    if ("message" in team) problems.push({ field: `owners.${o.tool}`, message: team.message });
    else proposals.set(o.tool, { teamId: team.id, index });
  });
  if (problems.length) throw unprocessableReferences(problems);
  return { toolIds, environmentIds, environmentNames: new Map(environments.map((e) => [e.id, e.name])), proposals: [...proposals].sort(([a], [b]) => compareText(a, b)), skipped };
}

/** Locks the run's scope and, in slug order, every tool of it the register lacks, before anything is read. */
async function lockRun(tx: Tx, run: DiscoveryRunInput): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SCOPE_LOCK_CLASS}::int, hashtext(${run.scope}))`;
  const slugs = [...new Set(run.observations.map((o) => o.tool))].filter((slug) => ownerNamed(run.owners, slug) !== undefined);
  const existing = new Set((await tx.aiTool.findMany({ where: { slug: { in: slugs } }, select: { slug: true } })).map((t) => t.slug));
  for (const slug of slugs.filter((s) => !existing.has(s)).sort(compareText)) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NEW_TOOL_LOCK_CLASS}::int, hashtext(${slug}))`;
  }
}

const ATTEMPTS = 3;

export async function recordDiscoveryRun(actor: Actor, run: DiscoveryRunInput): Promise<DiscoveryRunDto> {
  authorize(actor, "observation:write");
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeRun(actor, run);
    } catch (error) {
      // A tool registered through the API or an import meanwhile (those do not take the new-tool
      // lock), or a deadlock with one of them: the whole transaction rolled back; the next attempt
      // finds the tool and writes its rows to it.
      if (attempt >= ATTEMPTS || !(isUniqueViolation(error) || isTransactionConflict(error))) throw error;
    }
  }
}

function writeRun(actor: Actor, run: DiscoveryRunInput): Promise<DiscoveryRunDto> {
  return prisma().$transaction(
    async (tx) => {
      await lockRun(tx, run);
      const { toolIds, environmentIds, environmentNames, proposals, skipped } = await resolveNames(tx, run);
      const events: AuditEventInput[] = [];
      const slugOf = new Map<string, string>();
      for (const [slug, id] of toolIds) slugOf.set(id, slug);

      for (const [slug, { teamId, index }] of proposals) {
        const first = run.observations[index].evidence[0];
        const tool = await tx.aiTool.create({
          data: {
            slug,
            name: slug,
            vendor: "Unknown",
            kind: "AGENT",
            status: "PROPOSED",
            description: `Found by discovery in ${run.scope} (${first.file}:${first.line}); its owner should complete and review this entry.`,
            modes: modesSeen(run.observations.filter((o) => o.tool === slug).map((o) => o.autonomy)),
            ownerTeamId: teamId,
          },
          include: { ownerTeam: { select: { name: true } } },
        });
        toolIds.set(slug, tool.id);
        slugOf.set(tool.id, slug);
        events.push({ action: "tool.created", entity: "AiTool", entityId: slug, after: { ...toolFieldsDto(tool), discoveredIn: run.scope } });
      }

      const before: StoredRow[] = await tx.observation.findMany({
        where: { scope: run.scope, connector: { in: run.connectors } },
        select: { toolId: true, environmentId: true, connector: true, autonomy: true, capabilities: true, evidence: true },
      });
      const after: StoredRow[] = run.observations
        .filter((o) => !skipped.has(o.tool))
        .map((o) => ({
          toolId: toolIds.get(o.tool)!,
          environmentId: environmentIds.get(o.environment)!,
          connector: o.connector,
          autonomy: o.autonomy,
          capabilities: o.capabilities,
          evidence: o.evidence.map(({ connector, file, line, detail }) => ({ connector, file, line, detail })),
        }));

      const unnamed = [...new Set(before.map((r) => r.toolId))].filter((id) => !slugOf.has(id));
      for (const tool of await tx.aiTool.findMany({ where: { id: { in: unnamed } }, select: { id: true, slug: true } })) slugOf.set(tool.id, tool.slug);

      const beforeByKey = new Map(before.map((r) => [rowKey(r), r]));
      const afterKeys = new Set(after.map(rowKey));
      const added = after.filter((r) => !beforeByKey.has(rowKey(r))).length;
      const changed = after.filter((r) => beforeByKey.has(rowKey(r)) && !sameRow(beforeByKey.get(rowKey(r))!, r)).length;
      const removed = before.filter((r) => !afterKeys.has(rowKey(r))).length;

      const observedAt = new Date();
      await tx.observation.deleteMany({ where: { scope: run.scope, connector: { in: run.connectors } } });
      await tx.observation.createMany({
        data: after.map((r) => ({ ...r, scope: run.scope, source: "DISCOVERED" as const, observedAt, evidence: r.evidence as Prisma.InputJsonValue })),
      });

      // One event per tool the run re-observed or no longer found, so its pairs are judged again
      // (a refreshed time can resolve a stale observation even when nothing else changed).
      const beforeByTool = groupBy(before, (r) => r.toolId);
      const afterByTool = groupBy(after, (r) => r.toolId);
      const touchedTools = [...new Set([...beforeByTool.keys(), ...afterByTool.keys()])].sort((a, b) => slugOf.get(a)!.localeCompare(slugOf.get(b)!));
      for (const toolId of touchedTools) {
        events.push({
          action: "observations.discovered",
          entity: "AiTool",
          entityId: slugOf.get(toolId)!,
          before: auditedRows(beforeByTool.get(toolId) ?? [], environmentNames),
          after: auditedRows(afterByTool.get(toolId) ?? [], environmentNames),
        });
      }

      const record = await tx.discoveryRun.create({
        data: {
          actorId: actor.id,
          actorEmail: actor.email,
          scope: run.scope,
          connectors: run.connectors,
          filesRead: run.filesRead,
          observationsWritten: after.length,
          added,
          changed,
          removed,
          tools: touchedTools.map((id) => slugOf.get(id)!),
          toolsProposed: proposals.map(([slug]) => slug),
          toolsSkipped: [...skipped].sort(compareText),
          unknownCount: run.unknown.length,
          errorCount: run.errors.length,
          unknown: run.unknown as Prisma.InputJsonValue,
          errors: run.errors as Prisma.InputJsonValue,
        },
        select: SUMMARY_FIELDS,
      });
      const summary = summaryDto(record);
      events.push({ action: "discovery.run", entity: "DiscoveryRun", entityId: record.id, after: summary });
      await recordAuditEvents(
        tx,
        events.map((event) => ({ ...event, actor })),
      );
      // Its events are in this transaction: the evaluator has not read them yet.
      return { ...summary, unknown: run.unknown, errors: run.errors, findingsCurrent: false };
    },
    { timeout: 60_000 },
  );
}

const SUMMARY_FIELDS = {
  id: true,
  at: true,
  actorEmail: true,
  scope: true,
  connectors: true,
  filesRead: true,
  observationsWritten: true,
  added: true,
  changed: true,
  removed: true,
  tools: true,
  toolsProposed: true,
  toolsSkipped: true,
  unknownCount: true,
  errorCount: true,
} satisfies Prisma.DiscoveryRunSelect;

function summaryDto({ actorEmail, ...run }: Prisma.DiscoveryRunGetPayload<{ select: typeof SUMMARY_FIELDS }>): DiscoveryRunSummaryDto {
  return { ...run, actor: actorEmail };
}

/** Runs newest first; every role may read them, as they read the observations. */
export async function listDiscoveryRuns(actor: Actor, query: DiscoveryRunQuery): Promise<Page<DiscoveryRunSummaryDto>> {
  authorize(actor, "register:read");
  const db = prisma();
  const where = query.scope ? { scope: query.scope } : {};
  return paged(
    query,
    () => db.discoveryRun.count({ where }),
    async (skip, take) => (await db.discoveryRun.findMany({ where, select: SUMMARY_FIELDS, orderBy: [{ at: "desc" }, { id: "desc" }], skip, take })).map(summaryDto),
  );
}

/** Every scope a run has written, for the Discovery page's filter. */
export async function discoveryScopes(actor: Actor): Promise<string[]> {
  authorize(actor, "register:read");
  const rows = await prisma().discoveryRun.findMany({ distinct: ["scope"], select: { scope: true }, orderBy: { scope: "asc" } });
  return rows.map((row) => row.scope);
}

export async function getDiscoveryRun(actor: Actor, id: string): Promise<DiscoveryRunDto> {
  authorize(actor, "register:read");
  const db = prisma();
  const run = await db.discoveryRun.findUnique({ where: { id }, select: { ...SUMMARY_FIELDS, unknown: true, errors: true } });
  if (!run) throw notFound(`Discovery run "${id}"`);
  const event = await db.auditEvent.findFirstOrThrow({ where: { entity: "DiscoveryRun", entityId: id }, select: { id: true } });
  const { unknown, errors, ...summary } = run;
  return {
    ...summaryDto(summary),
    unknown: unknown as DiscoveryRunDto["unknown"],
    errors: errors as DiscoveryRunDto["errors"],
    findingsCurrent: await findingsCurrentAfter(event.id, run.tools, db),
  };
}
