// Discovery runs: a scan's observations written to the register. A run replaces only the rows its
// connectors wrote before in its scope, so declarations, API syncs, other connectors and other
// repositories' scans stay; the policy merges a pair's rows (the riskier wins).
import "server-only";
import { prisma, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { Prisma, type DiscoveryRun as RunRow } from "@/lib/generated/prisma/client";
import { recordAuditEvents, type AuditEventInput } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { DiscoveryRunDto, DiscoveryRunSummaryDto } from "@/lib/dto/discovery";
import type { Page } from "@/lib/dto/page";
import { compareAutonomy, type Autonomy } from "@/lib/policy/types";
import { slugField } from "@/lib/validation/catalog.validation";
import type { DiscoveryRunInput, DiscoveryRunQuery } from "@/lib/validation/discovery.validation";
import { teamIdsByName } from "./catalog";
import { paged } from "./page-window";
import { toolFieldsDto } from "./tool-dto";

// Runs are rare and touch many rows: one at a time, so two scans never race to create one tool.
// Taken before the audit chain's lock, which no other writer holds while asking for this one.
const DISCOVERY_LOCK_KEY = 72_707_372;

type Problem = { field: string; message: string };

interface StoredRow {
  toolId: string;
  environmentId: string;
  connector: string;
  autonomy: Autonomy;
  capabilities: string[];
  evidence: Prisma.JsonValue;
}

const rowKey = (r: { toolId: string; environmentId: string; connector: string }) => `${r.toolId}\u0000${r.environmentId}\u0000${r.connector}`;
type EvidenceRow = { connector: string; file: string; line: number; detail: string };
// jsonb keeps keys in an order of its own, so evidence is compared by its fields, not its text.
const evidenceText = (evidence: Prisma.JsonValue) => (evidence as EvidenceRow[]).map((e) => `${e.connector}\u0000${e.file}\u0000${e.line}\u0000${e.detail}`).join("\u0001");
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
      evidence: (r.evidence as EvidenceRow[]).map((e) => `${e.file}:${e.line}`),
    }))
    .sort((a, b) => a.environment.localeCompare(b.environment) || a.connector.localeCompare(b.connector));

/** The autonomy levels a new tool was seen at: its modes until its owner says otherwise. */
const modesSeen = (levels: Autonomy[]): Autonomy[] => [...new Set(levels)].sort(compareAutonomy);

const unprocessable = (problems: Problem[]) => new AppError("UNPROCESSABLE", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);

/** The register's ids for the run's tools, environments and capabilities, or every name it lacks. */
async function resolveNames(tx: Tx, run: DiscoveryRunInput) {
  const slugs = [...new Set(run.observations.map((o) => o.tool))];
  const tools = await tx.aiTool.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const environments = await tx.environment.findMany({ select: { id: true, name: true } });
  const capabilities = await tx.capability.findMany({ select: { key: true } });
  const toolIds = new Map(tools.map((t) => [t.slug, t.id]));
  const environmentIds = new Map(environments.map((e) => [e.name, e.id]));
  const knownCapabilities = new Set(capabilities.map((c) => c.key));
  const teams = await teamIdsByName(tx);

  const problems: Problem[] = [];
  const proposals = new Map<string, { teamId: string; index: number }>();
  const skipped = new Set<string>();
  run.observations.forEach((o, index) => {
    if (!environmentIds.has(o.environment)) problems.push({ field: `observations.${index}.environment`, message: `unknown environment "${o.environment}"` });
    o.capabilities.forEach((key, capIndex) => {
      if (!knownCapabilities.has(key)) problems.push({ field: `observations.${index}.capabilities.${capIndex}`, message: `unknown capability "${key}"` });
    });
    if (toolIds.has(o.tool) || proposals.has(o.tool) || skipped.has(o.tool)) return;
    const owner = run.owners[o.tool];
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
  if (problems.length) throw unprocessable(problems);
  return { toolIds, environmentIds, environmentNames: new Map(environments.map((e) => [e.id, e.name])), proposals, skipped };
}

export async function recordDiscoveryRun(actor: Actor, run: DiscoveryRunInput): Promise<DiscoveryRunDto> {
  authorize(actor, "observation:write");
  try {
    return await writeRun(actor, run);
  } catch (error) {
    // Someone registered one of the run's new tools through the API meanwhile (that path does not
    // take the discovery lock): the second attempt finds it and writes its rows to it.
    if (!isUniqueViolation(error)) throw error;
    return writeRun(actor, run);
  }
}

function writeRun(actor: Actor, run: DiscoveryRunInput): Promise<DiscoveryRunDto> {
  return prisma().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DISCOVERY_LOCK_KEY})`;
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
      const touchedTools = [...new Set([...before, ...after].map((r) => r.toolId))].sort((a, b) => slugOf.get(a)!.localeCompare(slugOf.get(b)!));
      for (const toolId of touchedTools) {
        events.push({
          action: "observations.discovered",
          entity: "AiTool",
          entityId: slugOf.get(toolId)!,
          before: auditedRows(before.filter((r) => r.toolId === toolId), environmentNames),
          after: auditedRows(after.filter((r) => r.toolId === toolId), environmentNames),
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
          toolsProposed: [...proposals.keys()].sort(),
          toolsSkipped: [...skipped].sort(),
          unknown: run.unknown as Prisma.InputJsonValue,
          errors: run.errors as Prisma.InputJsonValue,
        },
      });
      const dto = runDto(record);
      const { unknown, errors, ...summary } = dto;
      events.push({ action: "discovery.run", entity: "DiscoveryRun", entityId: record.id, after: summary });
      await recordAuditEvents(
        tx,
        events.map((event) => ({ ...event, actor })),
      );
      return { ...dto, unknown, errors };
    },
    { timeout: 60_000 },
  );
}


function summaryDto(run: RunRow): DiscoveryRunSummaryDto {
  return {
    id: run.id,
    at: run.at,
    actor: run.actorEmail,
    scope: run.scope,
    connectors: run.connectors,
    filesRead: run.filesRead,
    observationsWritten: run.observationsWritten,
    added: run.added,
    changed: run.changed,
    removed: run.removed,
    toolsProposed: run.toolsProposed,
    toolsSkipped: run.toolsSkipped,
    unknownCount: Array.isArray(run.unknown) ? run.unknown.length : 0,
    errorCount: Array.isArray(run.errors) ? run.errors.length : 0,
  };
}

function runDto(run: RunRow): DiscoveryRunDto {
  return { ...summaryDto(run), unknown: run.unknown as DiscoveryRunDto["unknown"], errors: run.errors as DiscoveryRunDto["errors"] };
}

/** Runs newest first; every role may read them, as they read the observations. */
export async function listDiscoveryRuns(actor: Actor, query: DiscoveryRunQuery): Promise<Page<DiscoveryRunSummaryDto>> {
  authorize(actor, "register:read");
  const db = prisma();
  const where = query.scope ? { scope: query.scope } : {};
  return paged(
    query,
    () => db.discoveryRun.count({ where }),
    async (skip, take) => (await db.discoveryRun.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip, take })).map(summaryDto),
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
  const run = await prisma().discoveryRun.findUnique({ where: { id } });
  if (!run) throw notFound(`Discovery run "${id}"`);
  return runDto(run);
}
