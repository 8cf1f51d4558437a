import type { ToolDetail } from "./tools";

// The API shape of a tool: names instead of internal ids, as DESIGN's API addresses everything.
export function toolDto(tool: ToolDetail) {
  return {
    slug: tool.slug,
    name: tool.name,
    vendor: tool.vendor,
    kind: tool.kind,
    status: tool.status,
    description: tool.description,
    ownerTeam: tool.ownerTeam.name,
    modes: tool.modes,
    grants: tool.grants.map((grant) => ({
      id: grant.id,
      environment: grant.environment.name,
      maxAutonomy: grant.maxAutonomy,
      capabilities: grant.capabilities,
      status: grant.status,
      justification: grant.justification,
      expiresAt: grant.expiresAt,
      requester: grant.requester.email,
      decisions: grant.decisions.map((d) => ({ reviewer: d.reviewer.email, decision: d.decision, comment: d.comment, at: d.createdAt })),
    })),
    observations: tool.observations.map((o) => ({
      environment: o.environment.name,
      autonomy: o.autonomy,
      capabilities: o.capabilities,
      source: o.source,
      observedAt: o.observedAt,
    })),
    incidents: tool.incidents.map((link) => ({ key: link.incident.key, title: link.incident.title, severity: link.incident.severity, role: link.role })),
  };
}
