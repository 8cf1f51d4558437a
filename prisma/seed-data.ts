// The demo register: a fictional engineering organisation whose AI tools, grants, observations,
// incidents and changes make the product's point at first sight (see DESIGN.md). Every date is
// relative to `now`, so the 90-day incident window and the 30-day staleness rules hold whenever it runs.
import { createHash, randomBytes } from "node:crypto";
import { recordAudit, recordAuditEvents, SYSTEM_ACTOR } from "@/lib/audit/record";
import { recomputeChangeViolations } from "@/lib/data/changes";
import { rebuildFindings } from "@/lib/data/finding-evaluator";
import { hashPassword } from "@/lib/auth/passwords";
import { hashToken } from "@/lib/auth/tokens";
import { demoHistory } from "./seed-history";
import type {
  AiOrigin,
  Autonomy,
  CapabilityClass,
  ChangeType,
  DataSensitivity,
  DecisionValue,
  GrantStatus,
  Prisma,
  PrismaClient,
  Role,
  Tier,
  ToolKind,
  ToolStatus,
} from "@/lib/generated/prisma/client";

export const DEMO_PASSWORD = "demo-password-2026";

// The reviewers and leads carry GitHub logins, so the deploy gate resolves their pull-request approvals.
export const DEMO_USERS: { email: string; name: string; role: Role; senior: boolean; githubLogin?: string }[] = [
  { email: "viewer@example.com", name: "Morgan Ellis", role: "VIEWER", senior: false },
  { email: "lead@example.com", name: "Priya Raman", role: "PLATFORM_LEAD", senior: false, githubLogin: "priya-raman" },
  { email: "lead2@example.com", name: "Tomás Herrera", role: "PLATFORM_LEAD", senior: false, githubLogin: "therrera" },
  { email: "reviewer@example.com", name: "Dana Okafor", role: "SECURITY_REVIEWER", senior: true, githubLogin: "dana-okafor" },
  { email: "reviewer2@example.com", name: "Sam Whitaker", role: "SECURITY_REVIEWER", senior: true, githubLogin: "samwhit" },
  { email: "junior-reviewer@example.com", name: "Lee Park", role: "SECURITY_REVIEWER", senior: false, githubLogin: "lee-park" },
  { email: "incidents@example.com", name: "Ines Moreau", role: "INCIDENT_MANAGER", senior: false },
  { email: "admin@example.com", name: "Jordan Blake", role: "ADMIN", senior: false },
];

export const BOOTSTRAP_ADMIN_EMAIL = "bootstrap-admin@example.com";

// ---------------------------------------------------------------------------------------------
// Helpers

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A cuid-shaped id ("c" + 24 base-36 characters), so rows can reference each other before insert. */
function newId(): string {
  const bytes = randomBytes(24);
  let id = "c";
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

// ---------------------------------------------------------------------------------------------
// Static catalog

const TEAMS: { name: string; description: string }[] = [
  { name: "Platform", description: "Internal developer platform, CI/CD and the cloud landing zone." },
  { name: "Payments", description: "Checkout, billing and the ledger." },
  { name: "Identity", description: "Sign-in, accounts and customer identity." },
  { name: "Developer Experience", description: "Editors, code review and developer tooling." },
  { name: "SRE", description: "Reliability, on-call, incident response and the shared clusters." },
  { name: "Data", description: "Analytics pipelines and the customer data warehouse." },
];

const ENVIRONMENTS: { name: string; tier: Tier; dataSensitivity: DataSensitivity; criticalPath: boolean; description: string }[] = [
  { name: "sandbox", tier: "SANDBOX", dataSensitivity: "NONE", criticalPath: false, description: "Throwaway accounts for experiments; synthetic data only, wiped weekly." },
  { name: "staging", tier: "PRE_PRODUCTION", dataSensitivity: "INTERNAL", criticalPath: false, description: "Full pre-production copy of the platform with scrubbed data." },
  { name: "prod-us-east", tier: "PRODUCTION", dataSensitivity: "PII", criticalPath: true, description: "US production: checkout, accounts and pricing (us-east-1)." },
  { name: "prod-eu-west", tier: "PRODUCTION", dataSensitivity: "FINANCIAL", criticalPath: true, description: "EU production: billing, invoicing and the ledger (eu-west-1)." },
  { name: "analytics", tier: "PRODUCTION", dataSensitivity: "PII", criticalPath: false, description: "Customer data warehouse and reporting jobs; not on the checkout path." },
  { name: "shared-k8s", tier: "SHARED_PLATFORM", dataSensitivity: "INTERNAL", criticalPath: false, description: "Multi-tenant Kubernetes clusters that every product team deploys to." },
  { name: "control-plane", tier: "CONTROL_PLANE", dataSensitivity: "INTERNAL", criticalPath: false, description: "Cloud organisation, IAM, DNS and the Terraform state that builds everything else." },
];

const CAPABILITIES: { key: string; class: CapabilityClass; description: string }[] = [
  { key: "repo:read", class: "READ", description: "Read source repositories." },
  { key: "repo:write", class: "WRITE", description: "Push commits to branches." },
  { key: "pr:create", class: "WRITE", description: "Open and update pull requests." },
  { key: "ci:run", class: "DEPLOY", description: "Trigger CI pipelines." },
  { key: "deploy:run", class: "DEPLOY", description: "Start a deployment through the CD pipeline." },
  { key: "config:write", class: "WRITE", description: "Change runtime configuration and feature flags." },
  { key: "infra:apply", class: "INFRA", description: "Apply infrastructure-as-code plans (Terraform, Helm)." },
  { key: "db:migrate", class: "SCHEMA", description: "Run database schema migrations." },
  { key: "db:read-pii", class: "SENSITIVE_DATA", description: "Query tables holding customer personal data." },
  { key: "env:delete", class: "DESTRUCTIVE", description: "Delete or recreate a whole environment." },
  { key: "data:delete", class: "DESTRUCTIVE", description: "Delete data: tables, buckets, backups." },
  { key: "iam:admin", class: "ADMIN", description: "Create roles, users and policies in the cloud organisation." },
  { key: "secrets:read", class: "SENSITIVE_DATA", description: "Read secrets from the vault." },
  { key: "logs:read", class: "READ", description: "Read application and platform logs." },
];

type ToolSlug =
  | "kiro-agent"
  | "quill-complete"
  | "tabline"
  | "shipwright"
  | "pager-pal"
  | "askbase"
  | "reviewbot"
  | "terraformer-ai"
  | "schema-sage"
  | "cost-lens"
  | "query-pilot"
  | "testsmith"
  | "nimbus-autofix"
  | "refactorly"
  | "runbook-runner"
  | "docwriter";

const TOOLS: { slug: ToolSlug; name: string; vendor: string; kind: ToolKind; team: string; status: ToolStatus; modes: Autonomy[]; description: string }[] = [
  {
    slug: "kiro-agent", name: "Kiro Agent", vendor: "Northwind AI", kind: "AGENT", team: "Platform", status: "APPROVED",
    modes: ["SUGGEST", "AGENT", "AUTONOMOUS"],
    description: "Multi-step coding agent that plans a change, edits the repository, runs the pipeline and can deploy. Adopted by Platform to clear small operational bugs. In AUTONOMOUS mode it acts on live systems through the platform service account, which is how it came to delete and recreate prod-us-east (INC-2041).",
  },
  {
    slug: "quill-complete", name: "Quill Complete", vendor: "Fabrikam Labs", kind: "CODING_ASSISTANT", team: "Developer Experience", status: "APPROVED",
    modes: ["SUGGEST"],
    description: "In-editor code completion and inline chat for every engineer. Suggestions only: a person accepts, commits and opens the pull request.",
  },
  {
    slug: "tabline", name: "Tabline", vendor: "Contoso", kind: "CODING_ASSISTANT", team: "Developer Experience", status: "APPROVED",
    modes: ["SUGGEST", "AGENT"],
    description: "Completion plus a task mode that edits several files and opens a pull request on its own. Popular with the Payments and Identity teams for refactoring and test generation.",
  },
  {
    slug: "shipwright", name: "Shipwright Deploy Assistant", vendor: "Tailspin", kind: "AGENT", team: "SRE", status: "RESTRICTED",
    modes: ["SUGGEST", "AGENT", "AUTONOMOUS"],
    description: "Deployment assistant that writes rollout plans and drives the CD pipeline. Restricted to SUGGEST in production since an AI-assisted rollout reached every region at once and took checkout offline for six hours (INC-2017).",
  },
  {
    slug: "pager-pal", name: "PagerPal", vendor: "Litware", kind: "OPS_BOT", team: "SRE", status: "APPROVED",
    modes: ["SUGGEST", "AGENT"],
    description: "On-call assistant in the incident channel: summarises alerts, reads logs, proposes runbook steps and can tune alert routing. Never restarts or deletes anything by itself.",
  },
  {
    slug: "askbase", name: "AskBase", vendor: "Contoso", kind: "CHAT", team: "Developer Experience", status: "APPROVED",
    modes: ["SUGGEST"],
    description: "Company chat assistant grounded on the engineering wiki and read-only repository search. Answers questions; it has no write access anywhere.",
  },
  {
    slug: "reviewbot", name: "Reviewbot", vendor: "Fabrikam Labs", kind: "CODING_ASSISTANT", team: "Developer Experience", status: "APPROVED",
    modes: ["SUGGEST"],
    description: "Automated pull-request reviewer that comments on diffs and flags risky patterns. It can open follow-up pull requests but never merges.",
  },
  {
    slug: "terraformer-ai", name: "Terraformer AI", vendor: "Woodgrove Systems", kind: "AGENT", team: "Platform", status: "RESTRICTED",
    modes: ["SUGGEST", "AGENT"],
    description: "Infrastructure-as-code agent that writes Terraform and Helm changes and can run plan and apply. Restricted: outside staging it may only propose plans that a person applies.",
  },
  {
    slug: "schema-sage", name: "Schema Sage", vendor: "Adatum", kind: "AGENT", team: "Payments", status: "APPROVED",
    modes: ["SUGGEST", "AGENT"],
    description: "Database migration agent used by Payments: drafts migrations from model changes, checks lock impact and runs them in the maintenance window. Its production access was imported from the old spreadsheet register.",
  },
  {
    slug: "cost-lens", name: "CostLens", vendor: "Proseware", kind: "OPS_BOT", team: "Platform", status: "APPROVED",
    modes: ["SUGGEST"],
    description: "FinOps bot that reads billing exports and logs and posts cost anomalies with suggested right-sizing. Read-only by design.",
  },
  {
    slug: "query-pilot", name: "QueryPilot", vendor: "Adventure Works AI", kind: "CHAT", team: "Data", status: "APPROVED",
    modes: ["SUGGEST", "AGENT"],
    description: "Natural-language-to-SQL assistant for analysts. Approved for staging; its request for PII reads in the warehouse was denied pending a data protection assessment.",
  },
  {
    slug: "testsmith", name: "Testsmith", vendor: "Tailspin", kind: "CODING_ASSISTANT", team: "Identity", status: "APPROVED",
    modes: ["SUGGEST", "AGENT"],
    description: "Generates and repairs unit and contract tests, runs them in CI and opens pull requests with the results.",
  },
  {
    slug: "nimbus-autofix", name: "Nimbus Autofix", vendor: "Wingtip Toys AI", kind: "AGENT", team: "Identity", status: "PROPOSED",
    modes: ["SUGGEST", "AGENT", "AUTONOMOUS"],
    description: "Proposed: an agent that picks up failing builds and dependency alerts and fixes them end to end. Under evaluation in the sandbox only; no access elsewhere until the review is done.",
  },
  {
    slug: "refactorly", name: "Refactorly", vendor: "Lamna", kind: "OTHER", team: "Developer Experience", status: "RETIRED",
    modes: ["SUGGEST"],
    description: "Batch refactoring service used for the 2024 framework upgrade. Retired; its grant was revoked and its service account removed.",
  },
  {
    slug: "runbook-runner", name: "Runbook Runner", vendor: "Litware", kind: "OPS_BOT", team: "SRE", status: "SUSPENDED",
    modes: ["AGENT", "AUTONOMOUS"],
    description: "Auto-remediation bot that executed runbooks against the shared clusters. Suspended after it drained every node of shared-k8s while fixing one crash-looping pod (INC-1877).",
  },
  {
    slug: "docwriter", name: "Docwriter", vendor: "Proseware", kind: "CHAT", team: "Developer Experience", status: "APPROVED",
    modes: ["SUGGEST"],
    description: "Drafts READMEs, runbooks and release notes from code and pull requests; a person edits and merges every page.",
  },
];

// ---------------------------------------------------------------------------------------------
// The seed

// The demo's last quarterly access review, which certified the approved grants older than it.
const QUARTERLY_REVIEW_DAYS_AGO = 40;

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export async function seed(db: PrismaClient, now = new Date()): Promise<void> {
  const at = (daysAgo: number, plusMinutes = 0) => new Date(now.getTime() - daysAgo * DAY + plusMinutes * MINUTE);
  const inDays = (days: number) => new Date(now.getTime() + days * DAY);

  // bcrypt is slow: hash once, outside the transaction, and share the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // --- ids, so rows can reference each other without a round trip per row
  const teamId = Object.fromEntries(TEAMS.map((t) => [t.name, newId()])) as Record<string, string>;
  const userId = Object.fromEntries(DEMO_USERS.map((u) => [u.email, newId()])) as Record<string, string>;
  const envId = Object.fromEntries(ENVIRONMENTS.map((e) => [e.name, newId()])) as Record<string, string>;
  const toolId = Object.fromEntries(TOOLS.map((t) => [t.slug, newId()])) as Record<ToolSlug, string>;
  const seniorByEmail = new Map(DEMO_USERS.map((u) => [u.email, u.senior]));

  const lead = "lead@example.com";
  const lead2 = "lead2@example.com";
  const R1 = "reviewer@example.com";
  const R2 = "reviewer2@example.com";
  const RJ = "junior-reviewer@example.com";

  // --- grants and their decisions
  const grants: Prisma.GrantCreateManyInput[] = [];
  const decisions: Prisma.DecisionCreateManyInput[] = [];
  const certifications: Prisma.GrantCertificationCreateManyInput[] = [];
  const grantIds: Record<string, string> = {};

  function grant(g: {
    ref?: string;
    tool: ToolSlug;
    env: string;
    max: Autonomy;
    caps: string[];
    status: GrantStatus;
    justification: string;
    requester: string;
    createdDaysAgo: number;
    decidedDaysAgo?: number;
    expiresAt?: Date | null;
    revokedDaysAgo?: number;
    decisions?: { by: string; value?: DecisionValue; comment: string }[];
    /** The last access review's "still needed"; by default the quarterly review 40 days ago certified every approved grant older than that; null: never certified. */
    certifiedDaysAgo?: number | null;
  }): void {
    const id = newId();
    if (g.ref) grantIds[g.ref] = id;
    const decidedAt = g.decidedDaysAgo === undefined ? null : at(g.decidedDaysAgo);
    grants.push({
      id,
      toolId: toolId[g.tool],
      environmentId: envId[g.env],
      maxAutonomy: g.max,
      capabilities: g.caps,
      justification: g.justification,
      expiresAt: g.expiresAt ?? null,
      status: g.status,
      requesterId: userId[g.requester],
      createdAt: at(g.createdDaysAgo),
      decidedAt,
      revokedAt: g.revokedDaysAgo === undefined ? null : at(g.revokedDaysAgo),
      lastCertifiedAt: null,
    });
    const certifiedDaysAgo = g.certifiedDaysAgo === undefined ? (g.status === "APPROVED" && (g.decidedDaysAgo ?? 0) > QUARTERLY_REVIEW_DAYS_AGO ? QUARTERLY_REVIEW_DAYS_AGO : null) : g.certifiedDaysAgo;
    if (certifiedDaysAgo !== null) {
      grants[grants.length - 1].lastCertifiedAt = at(certifiedDaysAgo);
      certifications.push({ id: newId(), grantId: id, reviewerId: userId[R1], comment: "Quarterly access review: still needed, scope unchanged.", createdAt: at(certifiedDaysAgo) });
    }
    const list = g.decisions ?? [];
    list.forEach((d, i) => {
      // The last decision is the one that decided the grant; earlier ones came a few hours before.
      const when = decidedAt ? new Date(decidedAt.getTime() - (list.length - 1 - i) * 3 * HOUR) : at(g.createdDaysAgo, 60);
      decisions.push({
        id: newId(),
        grantId: id,
        reviewerId: userId[d.by],
        decision: d.value ?? "APPROVE",
        comment: d.comment,
        senior: seniorByEmail.get(d.by) ?? false,
        createdAt: when,
      });
    });
  }

  // kiro-agent: approved for AGENT in prod-us-east by two seniors; observed AUTONOMOUS with env:delete.
  grant({
    ref: "kiro-prod", tool: "kiro-agent", env: "prod-us-east", max: "AGENT",
    caps: ["repo:read", "repo:write", "pr:create", "ci:run", "deploy:run"], status: "APPROVED",
    justification: "Let Kiro fix small operational bugs in checkout-adjacent services end to end: it opens the pull request and runs the pipeline; a person reviews every merge and the CD pipeline does the deploy.",
    requester: lead, createdDaysAgo: 74, decidedDaysAgo: 72, expiresAt: inDays(110),
    decisions: [
      { by: R1, comment: "AGENT only, through CI/CD and human review. No infra or destructive capability." },
      { by: R2, comment: "Agreed. Production write stays with the pipeline." },
    ],
  });
  grant({
    tool: "kiro-agent", env: "staging", max: "AGENT",
    caps: ["repo:read", "repo:write", "pr:create", "ci:run", "deploy:run", "config:write"], status: "APPROVED",
    justification: "Staging is where Kiro proves its changes before anything reaches production.",
    requester: lead, createdDaysAgo: 80, decidedDaysAgo: 79, expiresAt: inDays(100),
    decisions: [{ by: RJ, comment: "Fine for staging." }],
  });
  grant({
    tool: "kiro-agent", env: "sandbox", max: "AUTONOMOUS",
    caps: ["repo:read", "repo:write", "pr:create", "ci:run", "deploy:run", "infra:apply", "env:delete"], status: "APPROVED",
    justification: "Full autonomy in the sandbox to evaluate Kiro's infrastructure skills on synthetic data.",
    requester: lead, createdDaysAgo: 85, decidedDaysAgo: 84, expiresAt: null,
    decisions: [{ by: R1, comment: "Sandbox only; synthetic data, wiped weekly." }],
  });

  // quill-complete: suggestions everywhere, in order.
  grant({
    tool: "quill-complete", env: "sandbox", max: "SUGGEST", caps: ["repo:read", "repo:write", "pr:create"], status: "APPROVED",
    justification: "Editor completions for every engineer.", requester: lead2, createdDaysAgo: 160, decidedDaysAgo: 159, expiresAt: inDays(200),
    decisions: [{ by: RJ, comment: "Suggestions only." }],
  });
  grant({
    tool: "quill-complete", env: "staging", max: "SUGGEST", caps: ["repo:read", "repo:write", "pr:create"], status: "APPROVED",
    justification: "Editor completions while working on staging fixes.", requester: lead2, createdDaysAgo: 160, decidedDaysAgo: 159, expiresAt: inDays(200),
    decisions: [{ by: RJ, comment: "Suggestions only." }],
  });
  grant({
    tool: "quill-complete", env: "prod-us-east", max: "SUGGEST", caps: ["repo:read", "pr:create"], status: "APPROVED",
    justification: "Hotfix pull requests on checkout services; a person accepts every suggestion and the normal review applies.",
    requester: lead2, createdDaysAgo: 150, decidedDaysAgo: 148, expiresAt: inDays(200),
    decisions: [{ by: R2, comment: "Read and propose only; no push to protected branches." }],
  });

  // tabline: one capability beyond its staging grant; a denied production request.
  grant({
    tool: "tabline", env: "sandbox", max: "AGENT", caps: ["repo:read", "repo:write", "pr:create", "ci:run"], status: "APPROVED",
    justification: "Try the task mode on sandbox repositories.", requester: lead2, createdDaysAgo: 95, decidedDaysAgo: 94, expiresAt: inDays(90),
    decisions: [{ by: RJ, comment: "OK for the sandbox." }],
  });
  grant({
    tool: "tabline", env: "staging", max: "SUGGEST", caps: ["repo:read", "repo:write", "pr:create"], status: "APPROVED",
    justification: "Refactoring help on the Payments and Identity staging branches.", requester: lead2, createdDaysAgo: 90, decidedDaysAgo: 89, expiresAt: inDays(90),
    decisions: [{ by: RJ, comment: "Code only; no runtime configuration." }],
  });
  grant({
    tool: "tabline", env: "prod-eu-west", max: "AGENT", caps: ["repo:read", "repo:write", "deploy:run"], status: "DENIED",
    justification: "Let the task mode ship small billing fixes directly to cut lead time.",
    requester: lead2, createdDaysAgo: 33, decidedDaysAgo: 32,
    decisions: [{ by: R2, value: "DENY", comment: "No direct deploy from a coding assistant into billing. Resubmit as SUGGEST through the normal pipeline." }],
  });

  // shipwright: autonomous production grant revoked after INC-2017, replaced by SUGGEST.
  grant({
    tool: "shipwright", env: "staging", max: "AGENT", caps: ["repo:read", "ci:run", "deploy:run", "config:write"], status: "APPROVED",
    justification: "Drive staging rollouts and rehearse production rollout plans.", requester: lead, createdDaysAgo: 130, decidedDaysAgo: 129, expiresAt: inDays(60),
    decisions: [{ by: RJ, comment: "Staging rollouts are fine." }],
  });
  grant({
    tool: "shipwright", env: "prod-us-east", max: "AUTONOMOUS", caps: ["ci:run", "deploy:run", "config:write"], status: "REVOKED",
    justification: "Autonomous progressive rollouts for checkout to shorten release nights.",
    requester: lead, createdDaysAgo: 105, decidedDaysAgo: 103, revokedDaysAgo: 39, expiresAt: inDays(80),
    decisions: [
      { by: R1, comment: "Two-person rule: autonomous in production. Approved with canary gates." },
      { by: R2, comment: "Approved; revisit after the first quarter." },
    ],
  });
  grant({
    ref: "shipwright-prod", tool: "shipwright", env: "prod-us-east", max: "SUGGEST", caps: ["repo:read", "ci:run"], status: "APPROVED",
    justification: "After INC-2017: Shipwright drafts rollout plans and runs CI; people run the deploy.",
    requester: lead, createdDaysAgo: 37, decidedDaysAgo: 36, expiresAt: inDays(55),
    decisions: [{ by: R1, comment: "SUGGEST until 90 days without an AI-linked Sev1 or Sev2." }],
  });

  // pager-pal: in order, except an analytics grant nobody uses.
  grant({
    tool: "pager-pal", env: "prod-us-east", max: "AGENT", caps: ["logs:read", "repo:read"], status: "APPROVED",
    justification: "Summarise alerts and read logs during US incidents.", requester: lead2, createdDaysAgo: 120, decidedDaysAgo: 119, expiresAt: inDays(120),
    decisions: [{ by: R1, comment: "Read-only in production." }],
  });
  grant({
    tool: "pager-pal", env: "prod-eu-west", max: "AGENT", caps: ["logs:read"], status: "APPROVED",
    justification: "Summarise alerts and read logs during EU incidents.", requester: lead2, createdDaysAgo: 120, decidedDaysAgo: 118, expiresAt: inDays(120),
    decisions: [{ by: R2, comment: "Logs only." }],
  });
  grant({
    tool: "pager-pal", env: "shared-k8s", max: "AGENT", caps: ["logs:read", "config:write"], status: "APPROVED",
    justification: "Tune alert routing and silences on the shared clusters during on-call.", requester: lead2, createdDaysAgo: 110, decidedDaysAgo: 108, expiresAt: inDays(70),
    decisions: [
      { by: RJ, comment: "Alertmanager configuration only." },
      { by: R1, comment: "Second approval for the shared platform." },
    ],
  });
  grant({
    tool: "pager-pal", env: "analytics", max: "SUGGEST", caps: ["logs:read"], status: "APPROVED",
    justification: "Read warehouse job logs when nightly loads fail.", requester: lead2, createdDaysAgo: 64, decidedDaysAgo: 62, expiresAt: inDays(120),
    decisions: [{ by: R2, comment: "Job logs only, no table access." }],
  });

  // read-mostly tools, in order.
  grant({
    tool: "askbase", env: "sandbox", max: "SUGGEST", caps: ["repo:read"], status: "APPROVED",
    justification: "Repository search for the wiki assistant.", requester: lead2, createdDaysAgo: 200, decidedDaysAgo: 199, expiresAt: null,
    decisions: [{ by: RJ, comment: "Read-only." }],
  });
  grant({
    tool: "reviewbot", env: "staging", max: "SUGGEST", caps: ["repo:read", "pr:create"], status: "APPROVED",
    justification: "Review comments and follow-up pull requests on staging branches.", requester: lead2, createdDaysAgo: 140, decidedDaysAgo: 139, expiresAt: inDays(150),
    decisions: [{ by: RJ, comment: "Never merges; fine." }],
  });
  grant({
    tool: "reviewbot", env: "prod-us-east", max: "SUGGEST", caps: ["repo:read"], status: "APPROVED",
    justification: "Review hotfix pull requests for checkout services.", requester: lead2, createdDaysAgo: 140, decidedDaysAgo: 138, expiresAt: inDays(150),
    decisions: [{ by: R2, comment: "Read-only reviews." }],
  });
  grant({
    tool: "docwriter", env: "sandbox", max: "SUGGEST", caps: ["repo:read", "pr:create"], status: "APPROVED",
    justification: "Draft documentation pull requests.", requester: lead2, createdDaysAgo: 70, decidedDaysAgo: 69, expiresAt: inDays(300),
    decisions: [{ by: RJ, comment: "Docs only." }],
  });

  // terraformer-ai: in order in staging and shared-k8s; its control-plane grant expired (still marked APPROVED).
  grant({
    tool: "terraformer-ai", env: "staging", max: "AGENT", caps: ["repo:read", "repo:write", "pr:create", "infra:apply"], status: "APPROVED",
    justification: "Plan and apply Terraform in staging to rehearse platform changes.", requester: lead, createdDaysAgo: 100, decidedDaysAgo: 99, expiresAt: inDays(80),
    decisions: [{ by: R2, comment: "infra:apply in staging only; senior sign-off given." }],
  });
  grant({
    tool: "terraformer-ai", env: "shared-k8s", max: "SUGGEST", caps: ["repo:read", "pr:create", "infra:apply"], status: "APPROVED",
    justification: "Propose Helm and node-pool changes for the shared clusters; a platform engineer reviews the plan before apply.",
    requester: lead, createdDaysAgo: 100, decidedDaysAgo: 97, expiresAt: inDays(80),
    // Approved after the last quarterly review: its first recertification is due now.
    certifiedDaysAgo: null,
    decisions: [
      { by: R1, comment: "Plans only; apply stays with people." },
      { by: R2, comment: "Second approval, shared platform." },
    ],
  });
  grant({
    tool: "terraformer-ai", env: "control-plane", max: "SUGGEST", caps: ["repo:read", "pr:create"], status: "APPROVED",
    justification: "Propose IAM and DNS clean-ups as pull requests during the Q2 landing-zone review.",
    requester: lead, createdDaysAgo: 125, decidedDaysAgo: 120, expiresAt: at(10),
    decisions: [
      { by: RJ, comment: "Pull requests only." },
      { by: R1, comment: "Time-boxed to the landing-zone review." },
    ],
  });

  // schema-sage: the legacy production grant approved by one person (imported).
  grant({
    tool: "schema-sage", env: "staging", max: "AGENT", caps: ["repo:read", "repo:write", "pr:create", "db:migrate"], status: "APPROVED",
    justification: "Draft and run billing migrations in staging.", requester: lead2, createdDaysAgo: 150, decidedDaysAgo: 149, expiresAt: inDays(60),
    decisions: [{ by: R1, comment: "Schema changes in staging: senior sign-off." }],
  });
  grant({
    ref: "schema-sage-prod", tool: "schema-sage", env: "prod-eu-west", max: "AGENT", caps: ["repo:read", "pr:create", "db:migrate"], status: "APPROVED",
    justification: "Imported from the old spreadsheet register: runs reviewed billing migrations in the Thursday maintenance window.",
    requester: lead2, createdDaysAgo: 180, decidedDaysAgo: 180, expiresAt: inDays(30),
    // Imported and never looked at again: long past its review (GRANT_NOT_RECERTIFIED).
    certifiedDaysAgo: null,
    decisions: [{ by: R2, comment: "Imported as approved; one sign-off on record in the spreadsheet." }],
  });

  // cost-lens: grant renewed recently; the analytics observation has not been refreshed for 45 days.
  grant({
    tool: "cost-lens", env: "analytics", max: "SUGGEST", caps: ["logs:read"], status: "EXPIRED",
    justification: "Read warehouse cost exports.", requester: lead, createdDaysAgo: 200, decidedDaysAgo: 199, expiresAt: at(15),
    decisions: [{ by: R1, comment: "Read-only." }],
  });
  grant({
    tool: "cost-lens", env: "analytics", max: "SUGGEST", caps: ["logs:read"], status: "APPROVED",
    justification: "Renewal: read warehouse cost exports and job logs.", requester: lead, createdDaysAgo: 14, decidedDaysAgo: 12, expiresAt: inDays(170),
    decisions: [{ by: R2, comment: "Renewed as before." }],
  });
  grant({
    tool: "cost-lens", env: "prod-us-east", max: "SUGGEST", caps: ["logs:read"], status: "APPROVED",
    justification: "Read logs to attribute cost spikes to services.", requester: lead, createdDaysAgo: 90, decidedDaysAgo: 88, expiresAt: inDays(90),
    decisions: [{ by: R1, comment: "Logs only." }],
  });

  // query-pilot: PII request denied; observed there anyway.
  grant({
    tool: "query-pilot", env: "staging", max: "SUGGEST", caps: ["repo:read", "logs:read"], status: "APPROVED",
    justification: "Help analysts write queries against the scrubbed staging warehouse.", requester: lead2, createdDaysAgo: 60, decidedDaysAgo: 59, expiresAt: inDays(120),
    decisions: [{ by: RJ, comment: "Scrubbed data only." }],
  });
  grant({
    tool: "query-pilot", env: "analytics", max: "SUGGEST", caps: ["db:read-pii"], status: "DENIED",
    justification: "Analysts want natural-language queries on the production warehouse.", requester: lead2, createdDaysAgo: 50, decidedDaysAgo: 48,
    decisions: [{ by: R1, value: "DENY", comment: "PII reads by a vendor-hosted chat tool need a data protection assessment first." }],
  });

  // testsmith: sandbox grant expired, renewal waiting in the queue.
  grant({
    tool: "testsmith", env: "sandbox", max: "AGENT", caps: ["repo:read", "repo:write", "pr:create", "ci:run"], status: "EXPIRED",
    justification: "Pilot of generated tests on sandbox repositories.", requester: lead2, createdDaysAgo: 110, decidedDaysAgo: 109, expiresAt: at(20),
    decisions: [{ by: RJ, comment: "Pilot approved for 90 days." }],
  });
  grant({
    tool: "testsmith", env: "staging", max: "AGENT", caps: ["repo:read", "repo:write", "pr:create", "ci:run"], status: "APPROVED",
    justification: "Generate and repair tests on staging branches; pull requests reviewed by Identity.", requester: lead2, createdDaysAgo: 45, decidedDaysAgo: 44, expiresAt: inDays(45),
    decisions: [{ by: RJ, comment: "Pull requests only." }],
  });

  // Suspended and retired tools: grants revoked.
  grant({
    tool: "runbook-runner", env: "shared-k8s", max: "AUTONOMOUS", caps: ["logs:read", "config:write", "deploy:run"], status: "REVOKED",
    justification: "Auto-remediate known alerts on the shared clusters at night.",
    requester: lead, createdDaysAgo: 210, decidedDaysAgo: 205, revokedDaysAgo: 119, expiresAt: inDays(10),
    decisions: [
      { by: R1, comment: "Known runbooks only." },
      { by: R2, comment: "Second approval, shared platform, autonomous." },
    ],
  });
  grant({
    tool: "refactorly", env: "sandbox", max: "SUGGEST", caps: ["repo:read", "repo:write"], status: "REVOKED",
    justification: "Batch refactoring for the framework upgrade.", requester: lead2, createdDaysAgo: 300, decidedDaysAgo: 299, revokedDaysAgo: 60, expiresAt: null,
    decisions: [{ by: RJ, comment: "Sandbox pilot." }],
  });

  // The reviewers' queue.
  grant({
    ref: "queue-sandbox", tool: "testsmith", env: "sandbox", max: "AGENT", caps: ["repo:read", "repo:write", "pr:create", "ci:run"], status: "REQUESTED",
    justification: "Renew the sandbox pilot that expired: the Identity team wants to compare generated tests with last quarter's.",
    requester: lead2, createdDaysAgo: 1, expiresAt: inDays(90),
  });
  grant({
    ref: "queue-prod", tool: "terraformer-ai", env: "prod-eu-west", max: "AGENT", caps: ["repo:read", "pr:create", "infra:apply", "env:delete"], status: "REQUESTED",
    justification: "Tear down and rebuild the billing read replicas during the eu-west region migration; every run goes through a reviewed plan.",
    requester: lead, createdDaysAgo: 2, expiresAt: inDays(30),
  });
  grant({
    tool: "nimbus-autofix", env: "sandbox", max: "AUTONOMOUS", caps: ["repo:read", "repo:write", "pr:create", "ci:run"], status: "REQUESTED",
    justification: "Evaluate autonomous build fixing on sandbox repositories before deciding whether to adopt it.",
    requester: lead2, createdDaysAgo: 3, expiresAt: inDays(45),
  });

  // --- observations: what is actually true (one per tool x environment)
  const observations: Prisma.ObservationCreateManyInput[] = [];
  function observe(tool: ToolSlug, env: string, autonomy: Autonomy, caps: string[], daysAgo: number, source: "SYNC" | "DECLARED" = "SYNC"): void {
    observations.push({ id: newId(), toolId: toolId[tool], environmentId: envId[env], autonomy, capabilities: caps, source, observedAt: at(daysAgo) });
  }
  // The star: AUTONOMOUS with env:delete and infra:apply where the grant allows AGENT.
  observe("kiro-agent", "prod-us-east", "AUTONOMOUS", ["repo:read", "repo:write", "pr:create", "ci:run", "deploy:run", "infra:apply", "env:delete"], 2);
  observe("kiro-agent", "staging", "AGENT", ["repo:read", "repo:write", "pr:create", "ci:run"], 1);
  observe("kiro-agent", "sandbox", "AUTONOMOUS", ["repo:read", "repo:write", "pr:create", "ci:run", "deploy:run", "infra:apply", "env:delete"], 1);
  observe("quill-complete", "sandbox", "SUGGEST", ["repo:read", "repo:write", "pr:create"], 3);
  observe("quill-complete", "staging", "SUGGEST", ["repo:read", "repo:write", "pr:create"], 3);
  observe("quill-complete", "prod-us-east", "SUGGEST", ["repo:read", "pr:create"], 4);
  observe("tabline", "sandbox", "AGENT", ["repo:read", "repo:write", "pr:create", "ci:run"], 2);
  observe("tabline", "staging", "SUGGEST", ["repo:read", "repo:write", "pr:create", "config:write"], 2); // config:write beyond grant
  observe("shipwright", "staging", "AGENT", ["repo:read", "ci:run", "deploy:run"], 2);
  observe("shipwright", "prod-us-east", "SUGGEST", ["repo:read", "ci:run"], 5);
  observe("pager-pal", "prod-us-east", "AGENT", ["logs:read"], 0);
  observe("pager-pal", "prod-eu-west", "AGENT", ["logs:read"], 0);
  observe("pager-pal", "shared-k8s", "AGENT", ["logs:read", "config:write"], 1);
  observe("askbase", "sandbox", "SUGGEST", ["repo:read"], 6, "DECLARED");
  observe("reviewbot", "staging", "SUGGEST", ["repo:read", "pr:create"], 1);
  observe("reviewbot", "prod-us-east", "SUGGEST", ["repo:read"], 1);
  observe("docwriter", "sandbox", "SUGGEST", ["repo:read", "pr:create"], 7, "DECLARED");
  observe("terraformer-ai", "staging", "AGENT", ["repo:read", "repo:write", "pr:create", "infra:apply"], 3);
  observe("terraformer-ai", "shared-k8s", "SUGGEST", ["repo:read", "pr:create", "infra:apply"], 6);
  observe("terraformer-ai", "control-plane", "SUGGEST", ["repo:read", "pr:create"], 3); // grant expired 10 days ago
  observe("schema-sage", "staging", "AGENT", ["repo:read", "repo:write", "pr:create", "db:migrate"], 4);
  observe("schema-sage", "prod-eu-west", "AGENT", ["repo:read", "pr:create", "db:migrate"], 1); // one approver only
  observe("cost-lens", "analytics", "SUGGEST", ["logs:read"], 45, "DECLARED"); // stale
  observe("cost-lens", "prod-us-east", "SUGGEST", ["logs:read"], 2);
  observe("query-pilot", "staging", "SUGGEST", ["repo:read", "logs:read"], 5);
  observe("query-pilot", "analytics", "AGENT", ["logs:read", "db:read-pii"], 1); // no grant (request denied)
  observe("testsmith", "staging", "AGENT", ["repo:read", "repo:write", "pr:create", "ci:run"], 2);
  observe("runbook-runner", "shared-k8s", "AGENT", ["logs:read", "config:write"], 3); // suspended, still holds access

  // --- incidents
  type IncidentSpec = Omit<Prisma.IncidentCreateManyInput, "id"> & { tools?: { tool: ToolSlug; role: "TRIGGERED" | "CONTRIBUTED" | "INVOLVED" }[] };
  const incidentSpecs: IncidentSpec[] = [
    {
      key: "INC-2041", severity: "SEV1", status: "RESOLVED", genAiContributed: "YES",
      title: "Agent deleted and recreated the prod-us-east environment while fixing a cost-dashboard bug",
      summary: "Kiro Agent was asked to fix a rounding bug in the cost dashboard. Running in AUTONOMOUS mode with env:delete held through the platform service account, it decided the cleanest fix was to delete and recreate the environment. Checkout, accounts and pricing were down until the environment was rebuilt from Terraform state and the databases restored.",
      startedAt: at(20), detectedAt: at(20, 25), resolvedAt: at(20, 13 * 60),
      blastEnvironments: ["prod-us-east"], blastServices: ["checkout", "accounts", "pricing", "cost-dashboard"], blastRegions: ["us-east-1"],
      customerImpact: "Checkout, sign-in and price lookups unavailable for US customers for about 13 hours; roughly 41,000 orders failed or were delayed.",
      postmortemUrl: "https://wiki.example.com/postmortems/INC-2041",
      createdAt: at(20, 30),
      tools: [{ tool: "kiro-agent", role: "TRIGGERED" }],
    },
    {
      key: "INC-2017", severity: "SEV2", status: "CLOSED", genAiContributed: "YES",
      title: "AI-assisted deploy rolled a checkout config to every region at once",
      summary: "A rollout plan drafted and driven by Shipwright skipped the canary stage and pushed a malformed pricing configuration to all regions in one step. Prices, accounts and checkout were offline until the previous configuration was redeployed by hand.",
      startedAt: at(40), detectedAt: at(40, 18), resolvedAt: at(40, 6 * 60),
      blastEnvironments: ["prod-us-east", "prod-eu-west"], blastServices: ["checkout", "pricing", "accounts"], blastRegions: ["us-east-1", "eu-west-1"],
      customerImpact: "Prices, accounts and checkout offline for six hours in the US and the EU.",
      postmortemUrl: "https://wiki.example.com/postmortems/INC-2017",
      createdAt: at(40, 20),
      tools: [{ tool: "shipwright", role: "CONTRIBUTED" }],
    },
    {
      key: "INC-2029", severity: "SEV1", status: "RESOLVED", genAiContributed: "NO",
      title: "Expired TLS certificate on the identity edge blocked all sign-ins",
      summary: "The certificate on the identity load balancers expired after its renewal job had been failing silently for three weeks. No AI tool was involved.",
      startedAt: at(58), detectedAt: at(58, 7), resolvedAt: at(58, 130),
      blastEnvironments: ["prod-us-east", "prod-eu-west"], blastServices: ["identity", "accounts"], blastRegions: ["us-east-1", "eu-west-1"],
      customerImpact: "No customer could sign in for a little over two hours; existing sessions kept working.",
      postmortemUrl: "https://wiki.example.com/postmortems/INC-2029",
      createdAt: at(58, 10),
    },
    {
      key: "INC-2052", severity: "SEV3", status: "MITIGATED", genAiContributed: "YES",
      title: "PagerPal auto-silenced a disk-pressure alert on shared-k8s",
      summary: "PagerPal matched a disk-pressure alert to a known flaky check and silenced it for 24 hours. The logging nodes filled up and log shipping stopped for most teams until a person noticed the gap.",
      startedAt: at(9), detectedAt: at(9, 190), resolvedAt: null,
      blastEnvironments: ["shared-k8s"], blastServices: ["logging"], blastRegions: ["us-east-1"],
      customerImpact: "None directly; three hours of application logs lost for most teams.",
      createdAt: at(9, 200),
      tools: [{ tool: "pager-pal", role: "INVOLVED" }],
    },
    {
      key: "INC-2058", severity: "SEV2", status: "OPEN", genAiContributed: "UNKNOWN",
      title: "Elevated 5xx on billing-api after a configuration change in prod-eu-west",
      summary: "Invoice generation is failing for about 8% of requests since yesterday's billing-api configuration change. Whether the AI-assisted edit contributed is under investigation.",
      startedAt: at(1), detectedAt: at(1, 12), resolvedAt: null,
      blastEnvironments: ["prod-eu-west"], blastServices: ["billing-api"], blastRegions: ["eu-west-1"],
      customerImpact: "Some EU invoices are delayed; no payments lost so far.",
      createdAt: at(1, 15),
    },
    {
      key: "INC-1877", severity: "SEV1", status: "CLOSED", genAiContributed: "YES",
      title: "Runbook Runner drained every node in shared-k8s while remediating one crash-looping pod",
      summary: "An autonomous remediation matched the wrong runbook and cordoned and drained the whole shared cluster. Every team deploying to shared-k8s was down until the nodes were returned to service.",
      startedAt: at(120), detectedAt: at(120, 9), resolvedAt: at(120, 4 * 60),
      blastEnvironments: ["shared-k8s"], blastServices: ["search-api", "notifications", "internal-tools"], blastRegions: ["us-east-1"],
      customerImpact: "Search and notifications unavailable for four hours.",
      postmortemUrl: "https://wiki.example.com/postmortems/INC-1877",
      createdAt: at(120, 15),
      tools: [{ tool: "runbook-runner", role: "TRIGGERED" }],
    },
  ];
  const incidentId: Record<string, string> = {};
  const incidents: Prisma.IncidentCreateManyInput[] = [];
  const incidentTools: Prisma.IncidentToolCreateManyInput[] = [];
  for (const { tools, ...spec } of incidentSpecs) {
    const id = newId();
    incidentId[spec.key] = id;
    incidents.push({ id, ...spec });
    for (const t of tools ?? []) incidentTools.push({ incidentId: id, toolId: toolId[t.tool], role: t.role, createdAt: spec.createdAt });
  }

  // --- changes: the AI-origin ledger of the last three weeks
  const changeSpecs: {
    ref?: string;
    service: string;
    env: string;
    type: ChangeType;
    origin: AiOrigin;
    tool?: ToolSlug;
    mode?: Autonomy;
    approvers: string[];
    rollback: string | null;
    daysAgo: number;
    minutes?: number;
  }[] = [
    { service: "cost-dashboard", env: "staging", type: "CODE", origin: "AI_GENERATED", tool: "kiro-agent", mode: "AGENT", approvers: [lead], rollback: "Revert the pull request.", daysAgo: 20.8 },
    { ref: "inc-2041", service: "cost-dashboard", env: "prod-us-east", type: "INFRA", origin: "AI_GENERATED", tool: "kiro-agent", mode: "AUTONOMOUS", approvers: [], rollback: null, daysAgo: 20, minutes: -10 },
    { service: "checkout", env: "prod-us-east", type: "INFRA", origin: "HUMAN", approvers: [R1, lead2], rollback: "Restore from the pre-incident Terraform state snapshot.", daysAgo: 19.6 },
    { service: "identity", env: "staging", type: "CODE", origin: "AI_ASSISTED", tool: "quill-complete", mode: "SUGGEST", approvers: [lead2], rollback: "Revert the merge commit.", daysAgo: 19 },
    { service: "billing-api", env: "staging", type: "SCHEMA", origin: "AI_ASSISTED", tool: "schema-sage", mode: "AGENT", approvers: [lead], rollback: "Down migration 0147, tested in staging.", daysAgo: 18 },
    { service: "billing-api", env: "prod-eu-west", type: "SCHEMA", origin: "AI_ASSISTED", tool: "schema-sage", mode: "AGENT", approvers: [R2, lead2], rollback: "Down migration 0147, verified on a restored snapshot.", daysAgo: 17 },
    { service: "search-api", env: "sandbox", type: "CODE", origin: "AI_GENERATED", tool: "kiro-agent", mode: "AUTONOMOUS", approvers: [], rollback: null, daysAgo: 16 },
    { service: "ingress", env: "shared-k8s", type: "CONFIG", origin: "HUMAN", approvers: [R1, lead], rollback: "helm rollback ingress to the previous release.", daysAgo: 15.5 },
    { service: "checkout", env: "prod-us-east", type: "CODE", origin: "AI_ASSISTED", tool: "quill-complete", mode: "SUGGEST", approvers: [R1], rollback: "Turn off the checkout.tax-widget flag.", daysAgo: 15 },
    { service: "accounts", env: "staging", type: "CODE", origin: "AI_ASSISTED", tool: "tabline", mode: "SUGGEST", approvers: [lead2], rollback: "Revert the pull request.", daysAgo: 14 },
    { service: "identity", env: "prod-us-east", type: "CONFIG", origin: "HUMAN", approvers: [lead], rollback: "Revert the configuration commit.", daysAgo: 13.5 },
    // Violation: AI-assisted production change approved by non-senior people only.
    { service: "checkout", env: "prod-us-east", type: "CODE", origin: "AI_ASSISTED", tool: "quill-complete", mode: "SUGGEST", approvers: [RJ, lead2], rollback: "Revert the pull request.", daysAgo: 13 },
    { service: "dns", env: "control-plane", type: "INFRA", origin: "HUMAN", approvers: [R1, R2], rollback: "Restore the previous zone file from Git.", daysAgo: 12 },
    { service: "cost-dashboard", env: "staging", type: "CODE", origin: "AI_GENERATED", tool: "kiro-agent", mode: "AGENT", approvers: [lead], rollback: "Revert the pull request.", daysAgo: 11 },
    // Violation: schema change in production with a single approver.
    { service: "ledger", env: "prod-eu-west", type: "SCHEMA", origin: "AI_ASSISTED", tool: "schema-sage", mode: "AGENT", approvers: [R2], rollback: "Down migration 0152.", daysAgo: 10.5 },
    // Violation: shared-platform change without a rollback plan.
    { service: "node-pools", env: "shared-k8s", type: "INFRA", origin: "AI_ASSISTED", tool: "terraformer-ai", mode: "SUGGEST", approvers: [R1, R2], rollback: null, daysAgo: 10 },
    { service: "pricing", env: "prod-us-east", type: "CODE", origin: "HUMAN", approvers: [R2], rollback: "Turn off the pricing.v2 flag.", daysAgo: 9 },
    { service: "checkout", env: "staging", type: "CONFIG", origin: "AI_ASSISTED", tool: "shipwright", mode: "AGENT", approvers: [lead], rollback: "Redeploy the previous configuration version.", daysAgo: 8.5 },
    { service: "checkout", env: "prod-us-east", type: "CONFIG", origin: "AI_ASSISTED", tool: "shipwright", mode: "SUGGEST", approvers: [R1, lead2], rollback: "Canary halts and rolls back automatically above 1% errors.", daysAgo: 8 },
    { service: "identity", env: "prod-us-east", type: "CODE", origin: "AI_ASSISTED", tool: "reviewbot", mode: "SUGGEST", approvers: [R2], rollback: "Revert the pull request.", daysAgo: 7 },
    { service: "analytics-etl", env: "analytics", type: "CODE", origin: "HUMAN", approvers: [lead2], rollback: "Re-run the previous job version.", daysAgo: 6 },
    { service: "billing-api", env: "prod-eu-west", type: "CODE", origin: "HUMAN", approvers: [lead], rollback: "Revert the pull request.", daysAgo: 5 },
    { service: "docs-portal", env: "sandbox", type: "CODE", origin: "AI_GENERATED", tool: "docwriter", mode: "SUGGEST", approvers: [lead2], rollback: null, daysAgo: 4.5 },
    { service: "cost-dashboard", env: "staging", type: "CODE", origin: "AI_GENERATED", tool: "kiro-agent", mode: "AGENT", approvers: [lead, RJ], rollback: "Revert the pull request.", daysAgo: 4 },
    { service: "alertmanager", env: "shared-k8s", type: "CONFIG", origin: "AI_ASSISTED", tool: "pager-pal", mode: "AGENT", approvers: [R1, lead], rollback: "helm rollback alertmanager to the previous release.", daysAgo: 3 },
    // This week's AI-assisted production change approved by a junior reviewer only: the overview's signal.
    { service: "accounts", env: "prod-us-east", type: "CODE", origin: "AI_ASSISTED", tool: "quill-complete", mode: "SUGGEST", approvers: [RJ], rollback: "Revert the pull request.", daysAgo: 2.5 },
    { service: "search-api", env: "staging", type: "CODE", origin: "AI_GENERATED", tool: "testsmith", mode: "AGENT", approvers: [lead2], rollback: "Revert the pull request.", daysAgo: 2 },
    // Linked to the open INC-2058: an AI-assisted edit by a tool with no approved grant in prod-eu-west.
    { ref: "inc-2058", service: "billing-api", env: "prod-eu-west", type: "CONFIG", origin: "AI_ASSISTED", tool: "tabline", mode: "SUGGEST", approvers: [R2], rollback: "Redeploy the previous configuration version.", daysAgo: 1, minutes: -25 },
    { service: "checkout", env: "prod-us-east", type: "CODE", origin: "HUMAN", approvers: [R1, lead], rollback: "Revert the pull request.", daysAgo: 0.5 },
    { service: "identity", env: "staging", type: "CODE", origin: "AI_ASSISTED", tool: "testsmith", mode: "AGENT", approvers: [lead], rollback: "Revert the pull request.", daysAgo: 0.2 },
  ];
  const changes: Prisma.ChangeCreateManyInput[] = [];
  const changeIds: Record<string, string> = {};
  changeSpecs.forEach((c, i) => {
    const id = newId();
    if (c.ref) changeIds[c.ref] = id;
    const deployedAt = at(c.daysAgo, c.minutes ?? 0);
    const payload = {
      externalId: `deploy-${48_210 + i}`,
      service: c.service,
      environment: c.env,
      changeType: c.type,
      aiOrigin: c.origin,
      tool: c.tool ?? null,
      mode: c.mode ?? null,
      approvers: c.approvers,
      rollbackPlan: c.rollback,
      deployedAt: deployedAt.toISOString(),
    };
    changes.push({
      id,
      externalId: payload.externalId,
      service: c.service,
      environmentId: envId[c.env],
      changeType: c.type,
      aiOrigin: c.origin,
      toolId: c.tool ? toolId[c.tool] : null,
      mode: c.mode ?? null,
      approvers: c.approvers,
      rollbackPlan: c.rollback,
      deployedAt,
      payloadHash: sha256(JSON.stringify(payload)),
      createdAt: new Date(deployedAt.getTime() + MINUTE),
    });
  });
  const incidentChanges: Prisma.IncidentChangeCreateManyInput[] = [
    { incidentId: incidentId["INC-2041"], changeId: changeIds["inc-2041"] },
    { incidentId: incidentId["INC-2058"], changeId: changeIds["inc-2058"] },
  ];

  // --- risks
  const riskIds: Record<string, string> = {};
  const risks: Prisma.RiskCreateManyInput[] = (
    [
      { ref: "kiro", tool: "kiro-agent", statement: "The agent takes destructive infrastructure actions (delete, recreate) while fixing unrelated bugs.", likelihood: 4, impact: 5, treatment: "MITIGATE", team: "Platform", nextReview: inDays(7) },
      { tool: "shipwright", statement: "An AI-assisted rollout skips the canary and reaches every region at once.", likelihood: 3, impact: 5, treatment: "MITIGATE", team: "SRE", nextReview: at(5) },
      { ref: "query-pilot", tool: "query-pilot", statement: "Customer PII from the warehouse ends up in prompts sent to the vendor.", likelihood: 3, impact: 4, treatment: "AVOID", team: "Data", nextReview: inDays(14) },
      { tool: "schema-sage", statement: "An unreviewed migration locks billing tables during month-end close.", likelihood: 2, impact: 4, treatment: "MITIGATE", user: R2, nextReview: at(12) },
      { tool: "quill-complete", statement: "Suggested code reproduces licensed snippets.", likelihood: 2, impact: 2, treatment: "ACCEPT", team: "Developer Experience", nextReview: inDays(60) },
      { tool: "askbase", statement: "Answers cite outdated runbooks during incidents.", likelihood: 3, impact: 1, treatment: "ACCEPT", team: "Developer Experience", nextReview: inDays(90) },
      { tool: "terraformer-ai", statement: "A generated plan changes control-plane IAM beyond what the pull request describes.", likelihood: 2, impact: 5, treatment: "MITIGATE", team: "Platform", nextReview: inDays(30) },
      { tool: "pager-pal", statement: "The ops bot silences a real alert as a known flaky one.", likelihood: 4, impact: 3, treatment: "MITIGATE", team: "SRE", nextReview: inDays(21) },
      { tool: "nimbus-autofix", statement: "The vendor-hosted agent keeps long-lived repository credentials.", likelihood: 2, impact: 3, treatment: "TRANSFER", team: "Identity", nextReview: inDays(45) },
      { tool: "runbook-runner", statement: "The suspended bot's service account still holds write access on the shared clusters.", likelihood: 3, impact: 4, treatment: "AVOID", team: "SRE", nextReview: inDays(3) },
      { tool: "tabline", statement: "Task mode edits runtime configuration that code review does not cover.", likelihood: 4, impact: 2, treatment: "MITIGATE", user: lead2, nextReview: inDays(25) },
    ] as { ref?: string; tool: ToolSlug; statement: string; likelihood: number; impact: number; treatment: Prisma.RiskCreateManyInput["treatment"]; team?: string; user?: string; nextReview: Date }[]
  ).map((r, i) => {
    const id = newId();
    if (r.ref) riskIds[r.ref] = id;
    return {
      id,
      toolId: toolId[r.tool],
      statement: r.statement,
      likelihood: r.likelihood,
      impact: r.impact,
      treatment: r.treatment,
      ownerTeamId: r.team ? teamId[r.team] : null,
      ownerUserId: r.user ? userId[r.user] : null,
      nextReview: r.nextReview,
      createdAt: at(60 - i * 3),
    };
  });

  // --- mitigations
  const mitigationSpecs: Omit<Prisma.MitigationCreateManyInput, "id">[] = [
    {
      title: "Reduce kiro-agent in prod-us-east to SUGGEST", kind: "REDUCE_PERMISSION", status: "OPEN", dueDate: at(5),
      incidentId: incidentId["INC-2041"], grantId: grantIds["kiro-prod"], ownerTeamId: teamId["Platform"], ownerUserId: userId[lead], createdAt: at(19),
    },
    {
      title: "Require two-person approval for env:delete and infra:apply in every production environment", kind: "ADD_APPROVAL", status: "IN_PROGRESS", dueDate: inDays(10),
      incidentId: incidentId["INC-2041"], ownerUserId: userId[R1], createdAt: at(19),
    },
    {
      title: "Turn on deletion protection for every prod-us-east stack", kind: "OTHER", status: "DONE", dueDate: at(15),
      incidentId: incidentId["INC-2041"], ownerTeamId: teamId["Platform"], createdAt: at(19),
    },
    {
      title: "Canary checkout configuration deploys region by region with automatic rollback", kind: "CANARY_ROLLBACK", status: "DONE", dueDate: at(25),
      incidentId: incidentId["INC-2017"], grantId: grantIds["shipwright-prod"], ownerTeamId: teamId["SRE"], createdAt: at(39),
    },
    {
      title: "Remove Runbook Runner's service account from shared-k8s", kind: "OTHER", status: "OPEN", dueDate: at(14),
      incidentId: incidentId["INC-1877"], ownerTeamId: teamId["SRE"], createdAt: at(118),
    },
    {
      title: "PagerPal may propose silences but not apply them", kind: "REDUCE_PERMISSION", status: "IN_PROGRESS", dueDate: inDays(5),
      incidentId: incidentId["INC-2052"], ownerTeamId: teamId["SRE"], createdAt: at(8),
    },
    {
      title: "Keep QueryPilot on the scrubbed staging warehouse until the data protection assessment is signed", kind: "SANDBOX_ONLY", status: "OPEN", dueDate: inDays(20),
      riskId: riskIds["query-pilot"], ownerTeamId: teamId["Data"], createdAt: at(40),
    },
    {
      title: "Schema Sage production grant: re-approve under the two-person rule", kind: "ADD_APPROVAL", status: "OPEN", dueDate: inDays(12),
      grantId: grantIds["schema-sage-prod"], ownerUserId: userId[R2], createdAt: at(6),
    },
    {
      title: "Kiro Agent: plan-only mode for infrastructure in every environment above sandbox", kind: "REDUCE_PERMISSION", status: "OPEN", dueDate: inDays(30),
      riskId: riskIds["kiro"], ownerTeamId: teamId["Platform"], createdAt: at(18),
    },
  ];
  const mitigations: Prisma.MitigationCreateManyInput[] = mitigationSpecs.map((m) => ({ id: newId(), ...m }));

  // --- the catalog's rows, kept for the history below
  const teamRows = TEAMS.map((t, i) => ({ id: teamId[t.name], ...t, createdAt: at(400 - i) }));
  const userRows = DEMO_USERS.map((u, i) => ({ id: userId[u.email], ...u, active: true, passwordHash, createdAt: at(365 - i) }));
  const environmentRows = ENVIRONMENTS.map((e, i) => ({ id: envId[e.name], ...e, createdAt: at(390 - i) }));
  const capabilityRows = CAPABILITIES.map((c) => ({ id: newId(), ...c }));
  // A tool was registered before anyone asked for a grant for it.
  const firstRequest = new Map<string, number>();
  for (const g of grants) firstRequest.set(g.toolId, Math.min(firstRequest.get(g.toolId) ?? Infinity, new Date(g.createdAt!).getTime()));
  const toolRows = TOOLS.map(({ team, ...t }, i) => ({
    id: toolId[t.slug],
    ...t,
    ownerTeamId: teamId[team],
    createdAt: new Date(Math.min(at(320 - i * 9).getTime(), (firstRequest.get(toolId[t.slug]) ?? Infinity) - 3 * DAY)),
    updatedAt: at(Math.max(1, 30 - i)),
  }));

  // --- write everything in one transaction
  await db.$transaction(
    async (tx: Tx) => {
      await tx.team.createMany({ data: teamRows });
      await tx.user.createMany({ data: userRows });
      await tx.environment.createMany({ data: environmentRows });
      await tx.capability.createMany({ data: capabilityRows });
      await tx.aiTool.createMany({ data: toolRows });
      await tx.grant.createMany({ data: grants });
      await tx.decision.createMany({ data: decisions });
      await tx.grantCertification.createMany({ data: certifications });
      await tx.observation.createMany({ data: observations });
      await tx.incident.createMany({ data: incidents.map((inc) => ({ ...inc, updatedAt: inc.resolvedAt ?? inc.createdAt })) });
      await tx.incidentTool.createMany({ data: incidentTools });
      await tx.change.createMany({ data: changes });
      await tx.incidentChange.createMany({ data: incidentChanges });
      await tx.risk.createMany({ data: risks });
      await tx.mitigation.createMany({ data: mitigations });
      // The ledger's violations come from the policy, exactly as for changes ingested through the API.
      await recomputeChangeViolations(tx);
      const judged = await tx.change.findMany({ select: { externalId: true, violations: true } });

      // How the register got here, as its audit log tells it, then the seed itself.
      const history = demoHistory(
        {
          users: userRows,
          teams: teamRows,
          environments: environmentRows,
          capabilities: capabilityRows,
          tools: toolRows,
          grants,
          decisions,
          certifications,
          observations,
          incidents,
          incidentTools,
          incidentChanges,
          changes,
          violationCounts: new Map(judged.map((c) => [c.externalId, (c.violations as unknown[]).length])),
          risks,
          mitigations,
        },
        now,
      );
      await recordAuditEvents(tx, [
        ...history,
        {
          actor: SYSTEM_ACTOR,
          action: "register.seeded",
          entity: "Register",
          entityId: "demo",
          after: {
            teams: TEAMS.length,
            users: DEMO_USERS.length,
            environments: ENVIRONMENTS.length,
            capabilities: CAPABILITIES.length,
            tools: TOOLS.length,
            grants: grants.length,
            decisions: decisions.length,
            observations: observations.length,
            incidents: incidents.length,
            changes: changes.length,
            risks: risks.length,
            mitigations: mitigations.length,
            history: history.length,
          },
        },
      ]);
    },
    { maxWait: 60_000, timeout: 60_000 },
  );
  // The demo's findings are kept as records from the first start, as every later write keeps them.
  await rebuildFindings(db, now);
}

// ---------------------------------------------------------------------------------------------
// Bootstrap admin for scripts (BOOTSTRAP_API_TOKEN)

export async function ensureBootstrapAdmin(db: PrismaClient, token: string | undefined): Promise<void> {
  if (!token) return;
  const tokenHash = hashToken(token);
  await db.$transaction(
    async (tx: Tx) => {
      let user = await tx.user.findUnique({ where: { email: BOOTSTRAP_ADMIN_EMAIL } });
      if (!user) {
        user = await tx.user.create({
          data: { email: BOOTSTRAP_ADMIN_EMAIL, name: "Bootstrap admin", role: "ADMIN", senior: false, active: true, passwordHash: null },
        });
        await recordAudit(tx, SYSTEM_ACTOR, {
          action: "user.created",
          entity: "User",
          entityId: user.id,
          after: { email: user.email, name: user.name, role: user.role, senior: user.senior, active: user.active, source: "BOOTSTRAP_API_TOKEN" },
        });
      } else if (user.role !== "ADMIN" || !user.active) {
        const before = { role: user.role, active: user.active };
        user = await tx.user.update({ where: { id: user.id }, data: { role: "ADMIN", active: true } });
        await recordAudit(tx, SYSTEM_ACTOR, {
          action: "user.updated",
          entity: "User",
          entityId: user.id,
          before,
          after: { role: user.role, active: user.active, source: "BOOTSTRAP_API_TOKEN" },
        });
      }

      const existing = await tx.apiToken.findUnique({ where: { tokenHash } });
      if (existing) {
        if (existing.userId !== user.id) {
          throw new Error(`BOOTSTRAP_API_TOKEN is already the token of another user; choose a different value.`);
        }
        return;
      }
      const created = await tx.apiToken.create({ data: { userId: user.id, name: "bootstrap", tokenHash } });
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: "token.created",
        entity: "ApiToken",
        entityId: created.id,
        after: { userId: user.id, email: user.email, name: created.name, source: "BOOTSTRAP_API_TOKEN" },
      });
    },
    { maxWait: 60_000, timeout: 60_000 },
  );
}
