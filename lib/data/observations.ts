import { prisma } from "@/lib/db/client";
import type { Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors/app-error";
import type { ObservationsReplacedDto } from "@/lib/dto/tools";
import type { Autonomy, ObservationSource } from "@/lib/policy/types";
import type { ObservationEntry } from "@/lib/validation/observations.validation";

type ObservationInput = Omit<ObservationEntry, "source"> & { source: ObservationEntry["source"] };

async function resolveReferences(tx: Tx, entries: ObservationInput[]) {
  const envNames = [...new Set(entries.map((e) => e.environment))];
  const capabilityKeys = [...new Set(entries.flatMap((e) => e.capabilities))];
  const environments = await tx.environment.findMany({ where: { name: { in: envNames } }, select: { id: true, name: true } });
  const capabilities = await tx.capability.findMany({ where: { key: { in: capabilityKeys } }, select: { key: true } });
  const envIds = new Map(environments.map((e) => [e.name, e.id]));
  const knownCapabilities = new Set(capabilities.map((c) => c.key));
  const problems = unknownReferences(entries, envIds, knownCapabilities);
  if (problems.length) throw unprocessableReferences(problems);
  return envIds;
}

export type ReferenceProblem = { field: string; message: string };

/** Each environment or capability the entries name that the register lacks, named by its field (`prefix` + index). */
export function unknownReferences(
  entries: readonly { environment: string; capabilities: readonly string[] }[],
  environments: ReadonlyMap<string, unknown>,
  capabilities: ReadonlySet<string>,
  prefix = "",
): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  entries.forEach((entry, index) => {
    if (!environments.has(entry.environment)) problems.push({ field: `${prefix}${index}.environment`, message: `unknown environment "${entry.environment}"` });
    entry.capabilities.forEach((key, capIndex) => {
      if (!capabilities.has(key)) problems.push({ field: `${prefix}${index}.capabilities.${capIndex}`, message: `unknown capability "${key}"` });
    });
  });
  return problems;
}

export const unprocessableReferences = (problems: ReferenceProblem[]) => new AppError("UNPROCESSABLE", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);

function snapshotOf(observations: { environment: { name: string }; autonomy: Autonomy; capabilities: string[]; source: ObservationSource }[]) {
  return observations
    .map((o) => ({ environment: o.environment.name, autonomy: o.autonomy, capabilities: [...o.capabilities].sort(), source: o.source }))
    .sort((a, b) => a.environment.localeCompare(b.environment));
}

async function toolForUpdate(tx: Tx, slug: string) {
  const tool = await tx.aiTool.findUnique({
    where: { slug },
    select: {
      id: true,
      observations: { where: { connector: "" }, select: { environment: { select: { name: true } }, autonomy: true, capabilities: true, source: true } },
    },
  });
  if (!tool) throw notFound(`Tool "${slug}"`);
  return tool;
}

// Replaces what is declared or synced of a tool (what an inventory sync reports); what discovery
// observed stays, as each connector's runs replace their own rows. All or nothing: any unknown
// environment or capability refuses the whole request.
export async function replaceObservations(actor: Actor, slug: string, entries: ObservationInput[]): Promise<ObservationsReplacedDto> {
  authorize(actor, "observation:write");
  return prisma().$transaction(async (tx) => {
    const tool = await toolForUpdate(tx, slug);
    const envIds = await resolveReferences(tx, entries);
    const observedAt = new Date();
    await tx.observation.deleteMany({ where: { toolId: tool.id, connector: "" } });
    await tx.observation.createMany({
      data: entries.map((e) => ({ toolId: tool.id, environmentId: envIds.get(e.environment)!, autonomy: e.autonomy, capabilities: e.capabilities, source: e.source, observedAt })),
    });
    const after = snapshotOf(entries.map((e) => ({ ...e, environment: { name: e.environment } })));
    await recordAudit(tx, actor, { action: "observations.replaced", entity: "AiTool", entityId: slug, before: snapshotOf(tool.observations), after });
    return { tool: slug, observations: after.map((o) => ({ ...o, observedAt })) };
  });
}

// Declares one environment's observed access (the tool page's form), leaving the others as they are.
export async function declareObservation(actor: Actor, slug: string, entry: Omit<ObservationInput, "source">): Promise<void> {
  authorize(actor, "observation:write");
  return prisma().$transaction(async (tx) => {
    const tool = await toolForUpdate(tx, slug);
    const input = { ...entry, source: "DECLARED" as const };
    const envIds = await resolveReferences(tx, [input]);
    const environmentId = envIds.get(entry.environment)!;
    const data = { autonomy: entry.autonomy, capabilities: entry.capabilities, source: input.source, observedAt: new Date() };
    await tx.observation.upsert({ where: { toolId_environmentId_connector_scope: { toolId: tool.id, environmentId, connector: "", scope: "" } }, create: { toolId: tool.id, environmentId, ...data }, update: data });
    const before = tool.observations.find((o) => o.environment.name === entry.environment);
    await recordAudit(tx, actor, {
      action: "observation.declared",
      entity: "AiTool",
      entityId: slug,
      before: before ? snapshotOf([before])[0] : null,
      after: snapshotOf([{ ...input, environment: { name: entry.environment } }])[0],
    });
  });
}
