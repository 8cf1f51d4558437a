// Reads the register into the policy's plain shape. Findings are computed from this at request time
// (never stored), memoised while the register is unchanged: every mutation writes an audit event in
// its transaction, so the newest audit id is the register's version across all app processes.
import { prisma } from "@/lib/db/client";
import { allowedAutonomyMatrix, computeFindings, type MatrixCell } from "@/lib/policy/findings";
import { DEFAULT_POLICY } from "@/lib/policy/policy";
import type { Finding, RegisterSnapshot } from "@/lib/policy/types";

export async function loadRegisterSnapshot(): Promise<RegisterSnapshot> {
  const db = prisma();
  // Sequential on purpose: the embedded database serves one connection, and each query is one scan.
  const tools = await db.aiTool.findMany({ select: { slug: true, name: true, status: true } });
  const environments = await db.environment.findMany({ select: { name: true, tier: true, dataSensitivity: true, criticalPath: true } });
  const capabilities = await db.capability.findMany({ select: { key: true, class: true } });
  const grants = await db.grant.findMany({
    select: {
      id: true,
      maxAutonomy: true,
      capabilities: true,
      status: true,
      expiresAt: true,
      decidedAt: true,
      createdAt: true,
      tool: { select: { slug: true } },
      environment: { select: { name: true } },
      decisions: { where: { decision: "APPROVE" }, select: { reviewerId: true } },
    },
  });
  const observations = await db.observation.findMany({
    select: { autonomy: true, capabilities: true, observedAt: true, source: true, tool: { select: { slug: true } }, environment: { select: { name: true } } },
  });
  const incidentLinks = await db.incidentTool.findMany({
    select: { role: true, tool: { select: { slug: true } }, incident: { select: { key: true, severity: true, startedAt: true } } },
  });
  return {
    tools,
    environments,
    capabilities,
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
    observations: observations.map((o) => ({
      toolSlug: o.tool.slug,
      environment: o.environment.name,
      autonomy: o.autonomy,
      capabilities: o.capabilities,
      observedAt: o.observedAt,
      source: o.source,
    })),
    incidentLinks: incidentLinks.map((l) => ({
      toolSlug: l.tool.slug,
      incidentKey: l.incident.key,
      severity: l.incident.severity,
      startedAt: l.incident.startedAt,
      role: l.role,
    })),
  };
}

export interface RegisterEvaluation {
  version: string;
  computedAt: Date;
  snapshot: RegisterSnapshot;
  findings: Finding[];
  matrix: MatrixCell[];
}

// Time alone also changes findings (grants expire, observations go stale, ceilings lift), so a
// memoised evaluation is reused for at most this long even when nothing was written.
const MAX_AGE_MS = 60_000;

const globalCache = globalThis as unknown as { registerEvaluation?: RegisterEvaluation };

async function registerVersion(): Promise<string> {
  const latest = await prisma().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return String(latest?.id ?? 0);
}

export async function evaluateRegister(now = new Date()): Promise<RegisterEvaluation> {
  const version = await registerVersion();
  const cached = globalCache.registerEvaluation;
  if (cached && cached.version === version && now.getTime() - cached.computedAt.getTime() < MAX_AGE_MS && now >= cached.computedAt) {
    return cached;
  }
  const snapshot = await loadRegisterSnapshot();
  const evaluation = {
    version,
    computedAt: now,
    snapshot,
    findings: computeFindings(snapshot, now, DEFAULT_POLICY),
    matrix: allowedAutonomyMatrix(snapshot, now, DEFAULT_POLICY),
  };
  globalCache.registerEvaluation = evaluation;
  return evaluation;
}
