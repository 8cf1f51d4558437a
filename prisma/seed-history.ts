// The demo register's past, told by its audit log: what each write since the register was set up
// would have recorded, with the same actions and shapes as the data functions write, by the people
// who did it and back-dated to when the seed says it happened. The seed appends these events through
// recordAuditEvents like every write, so the chain, the Audit page and each tool's History hold them.
import type { AuditActor, AuditEventInput } from "@/lib/audit/record";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import type { CapabilityClass, Prisma } from "@/lib/generated/prisma/client";
import { requiredApprovals } from "@/lib/policy/approvals";
import type { Autonomy, PolicyEnvironment } from "@/lib/policy/types";

export type HistoryEvent = AuditEventInput & { actor: AuditActor; at: Date };

interface Person {
  id: string;
  email: string;
  name: string;
  role: string;
  senior: boolean;
  githubLogin?: string;
  createdAt: Date;
}

export interface DemoRows {
  users: Person[];
  teams: { id: string; name: string; description: string; createdAt: Date }[];
  environments: (PolicyEnvironment & { id: string; description: string; createdAt: Date })[];
  capabilities: { key: string; class: CapabilityClass; description: string }[];
  tools: { id: string; slug: string; name: string; vendor: string; kind: string; status: string; modes: string[]; description: string; ownerTeamId: string; createdAt: Date }[];
  grants: Prisma.GrantCreateManyInput[];
  decisions: Prisma.DecisionCreateManyInput[];
  certifications: Prisma.GrantCertificationCreateManyInput[];
  observations: Prisma.ObservationCreateManyInput[];
  incidents: Prisma.IncidentCreateManyInput[];
  incidentTools: Prisma.IncidentToolCreateManyInput[];
  incidentChanges: Prisma.IncidentChangeCreateManyInput[];
  changes: Prisma.ChangeCreateManyInput[];
  /** Each change's violations, as the policy judged them when the seed recorded it. */
  violationCounts: Map<string, number>;
  risks: Prisma.RiskCreateManyInput[];
  mitigations: Prisma.MitigationCreateManyInput[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Prisma's create inputs also accept strings for dates and { set } for lists; the seed passes neither.
const date = (value: Date | string | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));
const list = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : ((value as { set?: string[] } | undefined)?.set ?? []));
const iso = (value: Date | null) => value?.toISOString() ?? null;

// Why each revoked grant was revoked, by tool.
const REVOCATION_REASONS: Record<string, string> = {
  shipwright: "INC-2017: no autonomous rollouts in production; replaced by a SUGGEST grant.",
  "runbook-runner": "INC-1877: Runbook Runner is suspended.",
  refactorly: "The framework upgrade is done and Refactorly is retired.",
};

export function demoHistory(rows: DemoRows, now: Date): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const byId = new Map(rows.users.map((u) => [u.id, u]));
  const person = (id: string | null | undefined): AuditActor => {
    const user = id ? byId.get(id) : undefined;
    return user ? { id: user.id, email: user.email } : SYSTEM_ACTOR;
  };
  const byEmail = (email: string): AuditActor => person(rows.users.find((u) => u.email === email)?.id);
  const incidentManager = byEmail("incidents@example.com");
  const ciPipeline = byEmail("lead@example.com");
  const teamName = new Map(rows.teams.map((t) => [t.id, t.name]));
  const environment = new Map(rows.environments.map((e) => [e.id, e]));
  const capabilityClass = new Map(rows.capabilities.map((c) => [c.key, c.class]));
  const tool = new Map(rows.tools.map((t) => [t.id, t]));
  const incidentKey = new Map(rows.incidents.map((i) => [i.id!, i.key]));
  const changeId = new Map(rows.changes.map((c) => [c.id!, c.externalId]));
  // Nothing in the past happened after the seed's own moment.
  const push = (at: Date, actor: AuditActor, event: AuditEventInput) => events.push({ ...event, actor, at: new Date(Math.min(at.getTime(), now.getTime() - MINUTE)) });

  // The register's set-up: people, teams, environments and capabilities loaded from the old spreadsheet.
  for (const u of rows.users) {
    push(u.createdAt, SYSTEM_ACTOR, {
      action: "user.created",
      entity: "User",
      entityId: u.id,
      after: { email: u.email, name: u.name, role: u.role, senior: u.senior, active: true, canSignIn: true, githubLogin: u.githubLogin ?? null },
    });
  }
  for (const t of rows.teams) push(t.createdAt, SYSTEM_ACTOR, { action: "team.created", entity: "Team", entityId: t.name, after: { name: t.name, description: t.description } });
  for (const e of rows.environments) {
    const after = { name: e.name, tier: e.tier, dataSensitivity: e.dataSensitivity, criticalPath: e.criticalPath, description: e.description };
    push(e.createdAt, SYSTEM_ACTOR, { action: "environment.created", entity: "Environment", entityId: e.name, after });
  }
  const catalogDone = new Date(Math.max(...rows.environments.map((e) => e.createdAt.getTime())) + HOUR);
  for (const c of rows.capabilities) push(catalogDone, SYSTEM_ACTOR, { action: "capability.created", entity: "Capability", entityId: c.key, after: { key: c.key, class: c.class, description: c.description } });

  // Grants: requested by a lead, decided by reviewers one after the other, certified, revoked.
  const grantsOf = new Map<string, Prisma.GrantCreateManyInput[]>();
  for (const g of rows.grants) grantsOf.set(g.toolId, [...(grantsOf.get(g.toolId) ?? []), g]);
  for (const own of grantsOf.values()) own.sort((a, b) => date(a.createdAt)!.getTime() - date(b.createdAt)!.getTime());
  // A tool's owner is the lead who asked for its first grant.
  const ownerOf = (toolId: string): AuditActor => {
    const first = grantsOf.get(toolId)?.[0];
    return first ? person(first.requesterId) : byEmail("lead@example.com");
  };
  const firstApproval = new Map<string, number>();
  for (const g of rows.grants) {
    const t = tool.get(g.toolId)!;
    const env = environment.get(g.environmentId)!;
    const capabilities = list(g.capabilities);
    const required = requiredApprovals({ environment: env, maxAutonomy: g.maxAutonomy as Autonomy, capabilityClasses: capabilities.map((key) => capabilityClass.get(key)!) });
    const requestedAt = date(g.createdAt)!;
    push(requestedAt, person(g.requesterId), {
      action: "grant.requested",
      entity: "Grant",
      entityId: g.id!,
      after: { tool: t.slug, environment: env.name, maxAutonomy: g.maxAutonomy, capabilities, justification: g.justification, expiresAt: iso(date(g.expiresAt)), status: "REQUESTED", requiredApprovals: required },
    });
    const decisions = rows.decisions.filter((d) => d.grantId === g.id).sort((a, b) => date(a.createdAt)!.getTime() - date(b.createdAt)!.getTime());
    let approvals = 0;
    let seniorApprovals = 0;
    decisions.forEach((d, index) => {
      const before = { status: "REQUESTED", approvals, seniorApprovals };
      const approve = d.decision === "APPROVE";
      if (approve) {
        approvals += 1;
        if (d.senior) seniorApprovals += 1;
      }
      const last = index === decisions.length - 1;
      const status = !approve ? "DENIED" : last ? "APPROVED" : "REQUESTED";
      const at = date(d.createdAt)!;
      if (status === "APPROVED") firstApproval.set(g.toolId, Math.min(firstApproval.get(g.toolId) ?? Infinity, at.getTime()));
      push(at, person(d.reviewerId), {
        action: `grant.decision.${d.decision!.toLowerCase()}`,
        entity: "Grant",
        entityId: g.id!,
        before,
        after: { status, decision: d.decision, comment: d.comment, reviewerSenior: d.senior, approvals, seniorApprovals, requiredApprovals: required },
      });
    });
    for (const c of rows.certifications.filter((c) => c.grantId === g.id)) {
      const at = date(c.createdAt)!;
      push(at, person(c.reviewerId), {
        action: "grant.certified",
        entity: "Grant",
        entityId: g.id!,
        before: { lastCertifiedAt: null },
        after: { lastCertifiedAt: at.toISOString(), comment: c.comment, tool: t.slug, environment: env.name, overdue: false },
      });
    }
    const revokedAt = date(g.revokedAt);
    if (revokedAt) {
      const reviewer = decisions.at(-1)?.reviewerId;
      push(revokedAt, person(reviewer), {
        action: "grant.revoked",
        entity: "Grant",
        entityId: g.id!,
        before: { status: "APPROVED" },
        after: { status: "REVOKED", reason: REVOCATION_REASONS[t.slug] ?? "No longer needed.", tool: t.slug, environment: env.name },
      });
    }
  }

  // Tools: registered as PROPOSED by their owner, approved just before their first grant was, and
  // restricted, suspended or retired when their last grant was revoked.
  for (const t of rows.tools) {
    const own = grantsOf.get(t.id) ?? [];
    const owner = ownerOf(t.id);
    const fields = { slug: t.slug, name: t.name, vendor: t.vendor, kind: t.kind, ownerTeam: teamName.get(t.ownerTeamId), modes: t.modes, description: t.description };
    push(t.createdAt, owner, { action: "tool.created", entity: "AiTool", entityId: t.slug, after: { ...fields, status: "PROPOSED" } });
    if (t.status === "PROPOSED") continue;
    const approvedAt = new Date(Math.max(t.createdAt.getTime() + HOUR, (firstApproval.get(t.id) ?? t.createdAt.getTime() + 3 * DAY) - 2 * HOUR));
    push(approvedAt, owner, { action: "tool.updated", entity: "AiTool", entityId: t.slug, before: { status: "PROPOSED" }, after: { status: "APPROVED" } });
    if (t.status === "APPROVED") continue;
    const revoked = own.map((g) => date(g.revokedAt)?.getTime() ?? 0).filter(Boolean);
    const changedAt = new Date(revoked.length ? Math.max(...revoked) + HOUR : approvedAt.getTime() + DAY);
    push(changedAt, owner, { action: "tool.updated", entity: "AiTool", entityId: t.slug, before: { status: "APPROVED" }, after: { status: t.status } });
  }

  // Observations: declared on the tool page, or reported by the inventory sync under its lead's token.
  const synced = new Map<string, Prisma.ObservationCreateManyInput[]>();
  for (const o of rows.observations) {
    const snapshot = { environment: environment.get(o.environmentId)!.name, autonomy: o.autonomy, capabilities: [...list(o.capabilities)].sort(), source: o.source };
    const t = tool.get(o.toolId)!;
    if (o.source === "DECLARED") {
      push(date(o.observedAt)!, ownerOf(t.id), { action: "observation.declared", entity: "AiTool", entityId: t.slug, before: null, after: snapshot });
    } else synced.set(o.toolId, [...(synced.get(o.toolId) ?? []), o]);
  }
  for (const [toolId, observed] of synced) {
    const at = new Date(Math.max(...observed.map((o) => date(o.observedAt)!.getTime())));
    const after = observed
      .map((o) => ({ environment: environment.get(o.environmentId)!.name, autonomy: o.autonomy, capabilities: [...list(o.capabilities)].sort(), source: o.source }))
      .sort((a, b) => a.environment.localeCompare(b.environment));
    push(at, ciPipeline, { action: "observations.replaced", entity: "AiTool", entityId: tool.get(toolId)!.slug, before: [], after });
  }

  // Incidents: declared OPEN by the incident manager, their tools and changes linked, then mitigated,
  // resolved and closed as the seed's dates say.
  for (const i of rows.incidents) {
    const shape = {
      key: i.key,
      title: i.title,
      severity: i.severity,
      status: "OPEN",
      startedAt: iso(date(i.startedAt)),
      detectedAt: iso(date(i.detectedAt)),
      resolvedAt: null as string | null,
      summary: i.summary ?? "",
      environments: list(i.blastEnvironments),
      services: list(i.blastServices),
      regions: list(i.blastRegions),
      customerImpact: i.customerImpact ?? "",
      postmortemUrl: null as string | null,
      genAiContributed: i.genAiContributed ?? "UNKNOWN",
    };
    const declaredAt = date(i.createdAt)!;
    push(declaredAt, incidentManager, { action: "incident.created", entity: "Incident", entityId: i.key, after: shape });
    for (const link of rows.incidentTools.filter((l) => l.incidentId === i.id)) {
      push(new Date(declaredAt.getTime() + 5 * MINUTE), incidentManager, {
        action: "incident.tool_linked",
        entity: "Incident",
        entityId: i.key,
        before: null,
        after: { tool: tool.get(link.toolId)!.slug, role: link.role, severity: i.severity },
      });
    }
    for (const link of rows.incidentChanges.filter((l) => l.incidentId === i.id)) {
      push(new Date(declaredAt.getTime() + 10 * MINUTE), incidentManager, { action: "incident.change_linked", entity: "Incident", entityId: i.key, after: { change: changeId.get(link.changeId) } });
    }
    let current = shape;
    const update = (at: Date, change: Partial<typeof shape>) => {
      const next = { ...current, ...change };
      push(at, incidentManager, { action: "incident.updated", entity: "Incident", entityId: i.key, before: current, after: next });
      current = next;
    };
    const resolvedAt = date(i.resolvedAt);
    if (i.status === "MITIGATED") update(new Date(declaredAt.getTime() + 2 * HOUR), { status: "MITIGATED" });
    if (resolvedAt) update(resolvedAt, { status: "RESOLVED", resolvedAt: resolvedAt.toISOString(), ...(i.status === "RESOLVED" ? { postmortemUrl: i.postmortemUrl ?? null } : {}) });
    if (i.status === "CLOSED" && resolvedAt) update(new Date(resolvedAt.getTime() + 5 * DAY), { status: "CLOSED", postmortemUrl: i.postmortemUrl ?? null });
  }

  // The ledger: each deployment reported by the CD pipeline a minute after it shipped.
  for (const c of rows.changes) {
    push(date(c.createdAt)!, ciPipeline, { action: "changes.ingested", entity: "Change", entityId: c.externalId, after: { externalIds: [c.externalId], violations: rows.violationCounts.get(c.externalId) ?? 0 } });
  }

  // Risks, written by the security reviewers; mitigations, by whoever owns the incident or the risk.
  const reviewer = byEmail("reviewer@example.com");
  for (const r of rows.risks) {
    push(date(r.createdAt)!, reviewer, {
      action: "risk.created",
      entity: "Risk",
      entityId: r.id!,
      after: {
        tool: tool.get(r.toolId)!.slug,
        statement: r.statement,
        likelihood: r.likelihood,
        impact: r.impact,
        treatment: r.treatment,
        ownerTeam: r.ownerTeamId ? (teamName.get(r.ownerTeamId) ?? null) : null,
        ownerUser: r.ownerUserId ? (byId.get(r.ownerUserId)?.email ?? null) : null,
        nextReview: date(r.nextReview)!.toISOString().slice(0, 10),
      },
    });
  }
  for (const m of rows.mitigations) {
    const createdAt = date(m.createdAt)!;
    const actor = m.incidentId ? incidentManager : reviewer;
    const dueDate = date(m.dueDate);
    const shape = {
      title: m.title,
      kind: m.kind,
      dueDate: dueDate?.toISOString().slice(0, 10) ?? null,
      ownerTeam: m.ownerTeamId ? (teamName.get(m.ownerTeamId) ?? null) : null,
      ownerUser: m.ownerUserId ? (byId.get(m.ownerUserId)?.email ?? null) : null,
      grantId: m.grantId ?? null,
    };
    push(createdAt, actor, {
      action: "mitigation.created",
      entity: "Mitigation",
      entityId: m.id!,
      after: { ...shape, status: "OPEN", incident: m.incidentId ? incidentKey.get(m.incidentId) : null, riskId: m.riskId ?? null },
    });
    if (m.status && m.status !== "OPEN") {
      const doneBy = m.ownerUserId ? person(m.ownerUserId) : actor;
      const at = m.status === "DONE" && dueDate ? new Date(Math.max(createdAt.getTime() + DAY, dueDate.getTime() - DAY)) : new Date(createdAt.getTime() + DAY);
      push(at, doneBy, { action: "mitigation.status_changed", entity: "Mitigation", entityId: m.id!, before: { status: "OPEN" }, after: { status: m.status } });
    }
  }

  // In the order it happened; the sort is stable, so events of one moment keep the order written.
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
