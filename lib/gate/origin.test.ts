import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { approversFromReviews, gateConfigSchema } from "./approvers";
import { changeTypeOf, commitOrigin, rangeOrigin, trailersOf, type GateCommit } from "./origin";
import { AI_IDENTITIES } from "./rules/ai-identities";
import { CHANGE_TYPE_RULES } from "./rules/change-types";

const commit = (overrides: Partial<GateCommit> = {}): GateCommit => ({ sha: "a".repeat(40), authorName: "Priya", authorEmail: "priya@example.com", message: "Fix it", aiNote: "", ...overrides });

describe("trailers", () => {
  it("are the Key: value lines of the last paragraph, values folded onto indented lines, other lines passed over", () => {
    expect(trailersOf("Fix\n\nBody text\n\nCo-authored-by: A <a@x>\nSigned-off-by: B <b@x>")).toEqual([
      { key: "co-authored-by", value: "A <a@x>" },
      { key: "signed-off-by", value: "B <b@x>" },
    ]);
    expect(trailersOf("Co-authored-by: A <a@x>")).toEqual([]);
    expect(trailersOf("Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n(cherry picked from commit abc123)")).toEqual([{ key: "co-authored-by", value: "Claude <noreply@anthropic.com>" }]);
    expect(trailersOf("Fix\n\nAssisted-by: a model\n  via opencode")).toEqual([{ key: "assisted-by", value: "a model via opencode" }]);
  });
});

describe("a commit's AI origin", () => {
  // One address each identity row is known by, as the tools write it.
  const SEEN: Record<string, string> = {
    "claude-code": "noreply@anthropic.com",
    copilot: "223556219+Copilot@users.noreply.github.com",
    cursor: "cursoragent@cursor.com",
    codex: "noreply@openai.com",
    gemini: "176961590+gemini-code-assist[bot]@users.noreply.github.com",
    devin: "158243242+devin-ai-integration[bot]@users.noreply.github.com",
  };

  it.each(AI_IDENTITIES.map((rule) => [rule.product, SEEN[rule.product]] as const))("knows %s as a co-author and as an author (%s)", (product, email) => {
    expect(commitOrigin(commit({ message: `Fix\n\nCo-authored-by: Bot <${email}>` }))).toMatchObject({ ai: true, products: [product] });
    expect(commitOrigin(commit({ authorName: "Bot", authorEmail: email }))).toMatchObject({ ai: true, products: [product], signals: [`authored by Bot <${email}>`] });
  });

  it("takes Assisted-by and Generated-by trailers, a 'Generated with' line and a git-ai note, naming the product where the text does", () => {
    expect(commitOrigin(commit({ message: "Fix\n\nAssisted-by: GPT-5 via opencode" }))).toEqual({ sha: "a".repeat(40), ai: true, products: [], signals: ["Assisted-by: GPT-5 via opencode"] });
    expect(commitOrigin(commit({ message: "Fix\n\nGenerated-by: Gemini CLI" })).products).toEqual(["gemini"]);
    expect(commitOrigin(commit({ message: "Fix\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)" })).products).toEqual(["claude-code"]);
    expect(commitOrigin(commit({ message: "Fix\n\nGenerated with [Devin](https://devin.ai)" })).products).toEqual(["devin"]);
    expect(commitOrigin(commit({ message: "Regenerate the client\n\nGenerated with openapi-generator 7.1" })).ai).toBe(false);
    expect(commitOrigin(commit({ aiNote: '{"agent":"codex"}' }))).toMatchObject({ ai: true, products: ["codex"], signals: ["a git-ai note (refs/notes/ai)"] });
  });

  it("is human without any of them, whoever else co-authored", () => {
    expect(commitOrigin(commit({ message: "Pair work\n\nCo-authored-by: Sam <sam@example.com>\nReviewed-by: Dana <dana@example.com>" }))).toMatchObject({ ai: false, products: [], signals: [] });
    expect(commitOrigin(commit({ message: "Mention claude in prose only" })).ai).toBe(false);
  });
});

describe("a range's AI origin", () => {
  const ai = commit({ message: "x\n\nCo-authored-by: Claude <noreply@anthropic.com>" });
  it("is AI_GENERATED when every commit is an AI tool's, AI_ASSISTED when any is, else HUMAN", () => {
    expect(rangeOrigin([ai, ai]).aiOrigin).toBe("AI_GENERATED");
    expect(rangeOrigin([commit(), ai])).toMatchObject({ aiOrigin: "AI_ASSISTED", products: ["claude-code"] });
    expect(rangeOrigin([commit(), commit()])).toMatchObject({ aiOrigin: "HUMAN", products: [] });
    const copilot = commit({ message: "y\n\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>" });
    expect(rangeOrigin([ai, copilot, ai]).products).toEqual(["claude-code", "copilot"]);
  });
});

describe("a change's type", () => {
  const EXAMPLE: Record<string, string> = {
    "**/migrations/**": "prisma/migrations/0042/migration.sql",
    "**/migration/**": "src/main/resources/db/migration/V2__x.java",
    "**/*.sql": "db/seed.sql",
    "**/schema.prisma": "prisma/schema.prisma",
    "**/*.tf": "infra/main.tf",
    "**/*.tfvars": "infra/prod.tfvars",
    "**/Chart.yaml": "deploy/Chart.yaml",
    "**/charts/**": "charts/api/templates/deploy.tpl",
    "**/k8s/**": "k8s/deploy.txt",
    "**/kubernetes/**": "kubernetes/svc.txt",
    "**/kustomization.yaml": "overlays/prod/kustomization.yaml",
    "**/Dockerfile": "Dockerfile",
    "**/*.{yml,yaml,json,toml,ini,env,properties,conf}": "config/app.toml",
    "**/.github/workflows/**": ".github/workflows/ci.txt",
  };
  it.each(CHANGE_TYPE_RULES.map((rule) => [rule.glob, rule.type] as const))("%s is %s", (glob, type) => {
    expect(EXAMPLE[glob]).toBeDefined();
    expect(changeTypeOf(["src/app.ts", EXAMPLE[glob]])).toMatchObject({ type, path: EXAMPLE[glob] });
  });

  it("is the riskiest of its paths, and CODE when no rule matches", () => {
    expect(changeTypeOf(["config/app.yaml", "infra/main.tf", "prisma/migrations/1/migration.sql"]).type).toBe("SCHEMA");
    expect(changeTypeOf(["config/app.yaml", "infra/main.tf"]).type).toBe("INFRA");
    expect(changeTypeOf(["src/app.ts", "README.md"])).toEqual({ type: "CODE", path: null, reason: null });
  });
});

describe("approvals from a pull request's reviews", () => {
  it("count each reviewer's latest decision, map logins to e-mails, and report logins nobody mapped", () => {
    const reviews = [
      { user: { login: "a" }, state: "APPROVED" },
      { user: { login: "b" }, state: "APPROVED" },
      { user: { login: "b" }, state: "CHANGES_REQUESTED" },
      { user: { login: "c" }, state: "APPROVED" },
      { user: { login: "c" }, state: "COMMENTED" },
      { user: null, state: "APPROVED" },
      { user: { login: "d" }, state: "APPROVED" },
      { user: { login: "a" }, state: "PENDING" },
    ];
    expect(approversFromReviews(reviews, { a: "a@example.com", b: "b@example.com", c: "c@example.com" })).toEqual({ emails: ["a@example.com", "c@example.com"], unresolved: ["d"] });
    expect(approversFromReviews(reviews, { constructor: "x@example.com" }).unresolved).toEqual(["a", "c", "d"]);
    // Logins compare regardless of case, as on GitHub; the unresolved ones go to the register lower-case.
    expect(approversFromReviews([{ user: { login: "Dana-O" }, state: "APPROVED" }, { user: { login: "dana-o" }, state: "COMMENTED" }, { user: { login: "Sam" }, state: "APPROVED" }], { "DANA-O": "dana@example.com" })).toEqual({
      emails: ["dana@example.com"],
      unresolved: ["sam"],
    });
  });
});

describe("the gate's config", () => {
  it("accepts the example, and names a field it does not know", () => {
    const example = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../examples/github-actions/register-gate.json"), "utf8"));
    expect(gateConfigSchema.parse(example).tools["claude-code"]).toBe("kiro-agent");
    expect(gateConfigSchema.safeParse({ tool: {} }).error?.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["tool"] });
    expect(gateConfigSchema.safeParse({ logins: { a: "not-an-email" } }).error?.issues[0].path).toEqual(["logins", "a"]);
  });
});
