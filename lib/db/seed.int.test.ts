// The demo seed, against a real Postgres: a database of its own (the shared integration database is
// used by other files), migrated, then seeded with a fixed `now`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { verifyPassword } from "@/lib/auth/passwords";
import { hashToken } from "@/lib/auth/tokens";
import { requiredApprovals } from "@/lib/policy/approvals";
import { GrantStatus, Role, Tier, ToolStatus, type PrismaClient } from "@/lib/generated/prisma/client";
import { BOOTSTRAP_ADMIN_EMAIL, DEMO_PASSWORD, DEMO_USERS, ensureBootstrapAdmin, seed } from "@/prisma/seed-data";

const DAY = 86_400_000;
const now = new Date();

let db: PrismaClient;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("seed_test");
  db = createPrismaClient(database.url);
  await seed(db, now);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("demo seed", () => {
  it("has a varied tool register", async () => {
    const tools = await db.aiTool.findMany();
    expect(tools.length).toBeGreaterThanOrEqual(12);
    expect(new Set(tools.map((t) => t.kind)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(tools.map((t) => t.vendor)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(tools.map((t) => t.status))).toEqual(new Set(Object.values(ToolStatus)));
  });

  it("has environments of every tier and grants in every status", async () => {
    const tiers = new Set((await db.environment.findMany()).map((e) => e.tier));
    expect(tiers).toEqual(new Set(Object.values(Tier)));
    const statuses = new Set((await db.grant.findMany()).map((g) => g.status));
    expect(statuses).toEqual(new Set(Object.values(GrantStatus)));
  });

  it("has one user per role and at least two senior security reviewers", async () => {
    const users = await db.user.findMany();
    for (const role of Object.values(Role)) expect(users.some((u) => u.role === role), role).toBe(true);
    expect(users.filter((u) => u.role === "SECURITY_REVIEWER" && u.senior).length).toBeGreaterThanOrEqual(2);
    expect(users.some((u) => u.role === "SECURITY_REVIEWER" && !u.senior)).toBe(true);
  });

  it("observes kiro-agent AUTONOMOUS with env:delete in prod-us-east, where its approved grant allows AGENT", async () => {
    const kiro = await db.aiTool.findUniqueOrThrow({ where: { slug: "kiro-agent" } });
    const env = await db.environment.findUniqueOrThrow({ where: { name: "prod-us-east" } });
    const observation = await db.observation.findUniqueOrThrow({ where: { toolId_environmentId_connector_scope: { toolId: kiro.id, environmentId: env.id, connector: "", scope: "" } } });
    expect(observation.autonomy).toBe("AUTONOMOUS");
    expect(observation.capabilities).toContain("env:delete");
    const grant = await db.grant.findFirstOrThrow({
      where: { toolId: kiro.id, environmentId: env.id, status: "APPROVED" },
      include: { decisions: true },
    });
    expect(grant.maxAutonomy).toBe("AGENT");
    expect(grant.capabilities).not.toContain("env:delete");
    expect(grant.expiresAt === null || grant.expiresAt > now).toBe(true);
    expect(new Set(grant.decisions.filter((d) => d.decision === "APPROVE" && d.senior).map((d) => d.reviewerId)).size).toBe(2);
  });

  it("links kiro-agent as TRIGGERED to a SEV1 that started within the last 90 days", async () => {
    const links = await db.incidentTool.findMany({
      where: { tool: { slug: "kiro-agent" }, role: "TRIGGERED", incident: { severity: "SEV1", startedAt: { gte: new Date(now.getTime() - 90 * DAY) } } },
      include: { incident: true },
    });
    expect(links.map((l) => l.incident.key)).toContain("INC-2041");
  });

  it("approves grants as the matrix requires, except the one legacy imported grant", async () => {
    const capabilities = new Map((await db.capability.findMany()).map((c) => [c.key, c.class]));
    const users = new Map((await db.user.findMany()).map((u) => [u.id, u]));
    const grants = await db.grant.findMany({ where: { status: "APPROVED" }, include: { environment: true, decisions: true, tool: true } });
    const shortOfMatrix: string[] = [];
    for (const grant of grants) {
      for (const d of grant.decisions) {
        expect(d.senior).toBe(users.get(d.reviewerId)!.senior);
        expect(d.reviewerId).not.toBe(grant.requesterId);
        expect(users.get(d.reviewerId)!.role).toBe("SECURITY_REVIEWER");
      }
      expect(grant.decidedAt).not.toBeNull();
      const need = requiredApprovals({
        environment: grant.environment,
        maxAutonomy: grant.maxAutonomy,
        capabilityClasses: grant.capabilities.map((k) => capabilities.get(k)!),
      });
      const approvals = grant.decisions.filter((d) => d.decision === "APPROVE");
      const ok = approvals.length >= need.count && (!need.seniorRequired || approvals.some((d) => d.senior));
      if (!ok) shortOfMatrix.push(`${grant.tool.slug}@${grant.environment.name}`);
    }
    expect(shortOfMatrix).toEqual(["schema-sage@prod-eu-west"]);
  });

  it("holds the deliberate breaches and a review queue", async () => {
    const grants = await db.grant.findMany({ include: { environment: true, tool: true, requester: true } });
    expect(grants.some((g) => g.status === "APPROVED" && g.expiresAt !== null && g.expiresAt < now)).toBe(true);
    expect(grants.some((g) => g.status === "REVOKED" && g.revokedAt !== null)).toBe(true);
    const queue = grants.filter((g) => g.status === "REQUESTED");
    expect(queue.some((g) => g.environment.tier === "SANDBOX")).toBe(true);
    expect(
      queue.some((g) => g.environment.tier === "PRODUCTION" && g.capabilities.includes("env:delete") && g.requester.email === "lead@example.com"),
    ).toBe(true);

    const observations = await db.observation.findMany({ include: { tool: true } });
    const stale = observations.filter((o) => now.getTime() - o.observedAt.getTime() > 30 * DAY);
    expect(stale.map((o) => o.tool.status)).toEqual(["APPROVED"]);
    expect(observations.some((o) => ["SUSPENDED", "RETIRED"].includes(o.tool.status) && o.capabilities.length > 0)).toBe(true);
    // Observed where no grant was ever approved.
    const approvedPairs = new Set(
      grants.filter((g) => g.decidedAt && ["APPROVED", "EXPIRED"].includes(g.status)).map((g) => `${g.toolId}/${g.environmentId}`),
    );
    expect(observations.some((o) => !approvedPairs.has(`${o.toolId}/${o.environmentId}`) && o.tool.status === "APPROVED")).toBe(true);
  });

  it("records incidents, mitigations, changes and risks with shape", async () => {
    const incidents = await db.incident.findMany();
    expect(incidents.length).toBeGreaterThanOrEqual(4);
    expect(incidents.some((i) => now.getTime() - i.startedAt.getTime() > 90 * DAY)).toBe(true);
    expect(incidents.some((i) => i.status === "OPEN" && i.genAiContributed === "UNKNOWN")).toBe(true);
    const mitigations = await db.mitigation.findMany();
    expect(mitigations.some((m) => m.status === "OPEN" && m.dueDate !== null && m.dueDate < now)).toBe(true);
    expect(mitigations.some((m) => m.status === "DONE")).toBe(true);
    const changes = await db.change.findMany();
    expect(changes.length).toBeGreaterThanOrEqual(20);
    expect(new Set(changes.map((c) => c.aiOrigin)).size).toBe(3);
    expect(changes.every((c) => now.getTime() - c.deployedAt.getTime() <= 21 * DAY)).toBe(true);
    // The overview's weekly signal has something to show.
    const withoutSenior = changes.filter(
      (c) => now.getTime() - c.deployedAt.getTime() <= 7 * DAY && (c.violations as { code: string }[]).some((v) => v.code === "AI_CHANGE_WITHOUT_SENIOR_APPROVER"),
    );
    expect(withoutSenior.map((c) => c.service)).toContain("accounts");
    const risks = await db.risk.findMany();
    expect(risks.length).toBeGreaterThanOrEqual(6);
    expect(risks.some((r) => r.nextReview < now)).toBe(true);
  });

  it("lets every demo user sign in with the demo password", async () => {
    const users = await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } });
    expect(users).toHaveLength(DEMO_USERS.length);
    const hashes = new Set(users.map((u) => u.passwordHash));
    expect(hashes.size).toBe(1);
    const [hash] = [...hashes];
    expect(await verifyPassword(DEMO_PASSWORD, hash!)).toBe(true);
    expect(await verifyPassword("wrong-password", hash!)).toBe(false);
  });

  it("starts the audit chain", async () => {
    const events = await db.auditEvent.findMany();
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.some((e) => e.action === "register.seeded")).toBe(true);
  });

  it("ensureBootstrapAdmin is idempotent", async () => {
    await ensureBootstrapAdmin(db, undefined);
    expect(await db.user.count({ where: { email: BOOTSTRAP_ADMIN_EMAIL } })).toBe(0);

    await ensureBootstrapAdmin(db, "tok");
    const eventsAfterFirst = await db.auditEvent.count();
    await ensureBootstrapAdmin(db, "tok");
    expect(await db.auditEvent.count()).toBe(eventsAfterFirst);

    const admins = await db.user.findMany({ where: { email: BOOTSTRAP_ADMIN_EMAIL }, include: { tokens: true } });
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ role: "ADMIN", active: true, senior: false, passwordHash: null });
    const tokens = await db.apiToken.findMany({ where: { tokenHash: hashToken("tok") } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.userId).toBe(admins[0]!.id);
  });
});
