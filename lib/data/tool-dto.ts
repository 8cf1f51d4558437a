// A tool's fields, and the tool with its grants, observations and incidents, mapped to the API's shape: names
// instead of internal ids, as DESIGN's API addresses everything. A grant carries its status as the
// policy reads it now (expired, superseded by a later grant), the same as GET /api/v1/grants/{id} says.
import type { Observation, Prisma } from "@/lib/generated/prisma/client";
import type { ToolDetailDto, ToolFieldsDto, ToolObservationDto } from "@/lib/dto/tools";
import { grantStatusNow, type PairGrant } from "@/lib/policy/approvals";

export const toolDetailInclude = {
  ownerTeam: { select: { name: true } },
  grants: {
    include: {
      environment: { select: { name: true } },
      requester: { select: { name: true, email: true } },
      decisions: { include: { reviewer: { select: { name: true, email: true } } }, orderBy: { createdAt: "asc" } },
    },
    orderBy: { createdAt: "desc" },
  },
  observations: { include: { environment: { select: { name: true, tier: true } } }, orderBy: [{ environment: { tier: "asc" } }, { environment: { name: "asc" } }, { connector: "asc" }, { scope: "asc" }] },
  incidents: { include: { incident: { select: { key: true, title: true, severity: true, startedAt: true } } }, orderBy: { incident: { startedAt: "desc" } } },
  denials: { include: { environment: { select: { name: true } } }, orderBy: { lastAt: "desc" } },
} satisfies Prisma.AiToolInclude;

type ToolDetailRow = Prisma.AiToolGetPayload<{ include: typeof toolDetailInclude }>;

type ToolWithTeam = Omit<ToolFieldsDto, "ownerTeam"> & { ownerTeam: { name: string } };

/** The fields a row of the register shows: all of the tool's own but its description. */
export function toolRowFields(tool: ToolWithTeam): Omit<ToolFieldsDto, "description"> {
  return { slug: tool.slug, name: tool.name, vendor: tool.vendor, kind: tool.kind, status: tool.status, ownerTeam: tool.ownerTeam.name, modes: [...tool.modes] };
}

export function toolFieldsDto(tool: ToolWithTeam): ToolFieldsDto {
  return { ...toolRowFields(tool), description: tool.description };
}

export function toolDetailDto(tool: ToolDetailRow, now: Date): ToolDetailDto {
  // Every grant of the tool is here, so each pair's governing grant is known without another query.
  const pairGrants: PairGrant[] = tool.grants.map((g) => ({ ...g, toolSlug: tool.slug, environment: g.environment.name }));
  return {
    ...toolFieldsDto(tool),
    grants: tool.grants.map((grant, i) => ({
      id: grant.id,
      environment: grant.environment.name,
      maxAutonomy: grant.maxAutonomy,
      capabilities: grant.capabilities,
      status: grant.status,
      ...grantStatusNow(pairGrants[i], pairGrants, now),
      justification: grant.justification,
      expiresAt: grant.expiresAt,
      requester: grant.requester.email,
      requesterName: grant.requester.name,
      decisions: grant.decisions.map((d) => ({ reviewer: d.reviewer.email, reviewerName: d.reviewer.name, decision: d.decision, comment: d.comment, at: d.createdAt })),
    })),
    observations: tool.observations.map((o) => ({ ...observationSourceFields(o), environment: o.environment.name, tier: o.environment.tier })),
    deniedAttempts: tool.denials.map((d) => ({ environment: d.environment.name, count: d.count, lastAt: d.lastAt })),
    incidents: tool.incidents.map(({ incident, role }) => ({ key: incident.key, title: incident.title, severity: incident.severity, role, startedAt: incident.startedAt })),
  };
}

type ObservationRow = Pick<Observation, "autonomy" | "capabilities" | "source" | "observedAt" | "connector" | "scope" | "evidence">;

/** An observation row's own fields as the API shows them: "" (a declaration or an API sync) is null. */
export function observationSourceFields(o: ObservationRow): Omit<ToolObservationDto, "environment" | "tier"> {
  return {
    autonomy: o.autonomy,
    capabilities: o.capabilities,
    source: o.source,
    observedAt: o.observedAt,
    connector: o.connector || null,
    scope: o.scope || null,
    evidence: o.evidence as ToolObservationDto["evidence"],
  };
}
