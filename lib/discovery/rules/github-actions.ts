// Rules for GitHub Actions workflows (.github/workflows/*.yml|yaml). Reviewed like the policy: each
// row says why, and cites the vendor's page where there is one. The action refs are the ones real
// public workflows use (checked against public repositories' workflows).
import type { CapabilityKey } from "./capabilities";

export interface AgentActionRule {
  /** `owner/repo` or `owner/repo/path`, compared without the `@version` and case-insensitively. */
  ref: string;
  product: string;
  reason: string;
  doc: string;
}

/** A step whose `uses:` names one of these makes its job the product's. */
export const AGENT_ACTIONS = [
  {
    ref: "anthropics/claude-code-action",
    product: "claude-code",
    reason: "Anthropic's action runs Claude Code on the runner with the job's GITHUB_TOKEN",
    doc: "https://github.com/anthropics/claude-code-action",
  },
  {
    ref: "anthropics/claude-code-base-action",
    product: "claude-code",
    reason: "the lower-level Claude Code action; same agent, same token",
    doc: "https://github.com/anthropics/claude-code-base-action",
  },
  {
    ref: "openai/codex-action",
    product: "codex",
    reason: "OpenAI's action runs `codex exec` on the runner under the job's permissions",
    doc: "https://developers.openai.com/codex/github-action",
  },
  {
    ref: "google-github-actions/run-gemini-cli",
    product: "gemini-cli",
    reason: "Google's action runs Gemini CLI on the runner with the job's token",
    doc: "https://github.com/google-github-actions/run-gemini-cli",
  },
  {
    ref: "qodo-ai/pr-agent",
    product: "pr-agent",
    reason: "Qodo's PR-Agent reviews and edits pull requests with the job's token",
    doc: "https://qodo-merge-docs.qodo.ai/installation/github/",
  },
  {
    ref: "codium-ai/pr-agent",
    product: "pr-agent",
    reason: "the former name of qodo-ai/pr-agent, still used by many workflows",
    doc: "https://qodo-merge-docs.qodo.ai/installation/github/",
  },
  {
    ref: "sst/opencode/github",
    product: "opencode",
    reason: "opencode's action runs the agent on the runner and pushes its branches",
    doc: "https://opencode.ai/docs/github/",
  },
  {
    ref: "mirrajabi/aider-github-action",
    product: "aider",
    reason: "runs Aider on the runner; it commits the changes it makes",
    doc: "https://github.com/mirrajabi/aider-github-action",
  },
] as const satisfies readonly AgentActionRule[];

export interface AgentCommandRule {
  /** Matched against the text of a step's `run:`. */
  pattern: RegExp;
  product: string;
  reason: string;
  doc: string;
}

/** Agents installed and run from a shell step rather than through an action. */
export const AGENT_COMMANDS = [
  {
    pattern: /\bclaude\s+(?:-p|--print)\b/,
    product: "claude-code",
    reason: "Claude Code's non-interactive mode, run in the job's shell",
    doc: "https://code.claude.com/docs/en/cli-reference",
  },
  {
    pattern: /\bcodex\s+exec\b/,
    product: "codex",
    reason: "Codex CLI's non-interactive mode, run in the job's shell",
    doc: "https://developers.openai.com/codex/noninteractive",
  },
  {
    pattern: /\bgemini\s+(?:-p|--prompt)\b/,
    product: "gemini-cli",
    reason: "Gemini CLI's non-interactive mode, run in the job's shell",
    doc: "https://geminicli.com/docs/cli/headless/",
  },
  {
    pattern: /\bcursor-agent\b/,
    product: "cursor-agent",
    reason: "Cursor's CLI agent, which Cursor documents for GitHub Actions",
    doc: "https://cursor.com/docs/cli/github-actions",
  },
  {
    pattern: /\baider\s+(?:--message|-m)\b/,
    product: "aider",
    reason: "Aider run with a message, which edits and commits without a person",
    doc: "https://aider.chat/docs/scripting.html",
  },
  {
    pattern: /\bopencode\s+(?:run|github\s+run)\b/,
    product: "opencode",
    reason: "opencode's non-interactive run in the job's shell",
    doc: "https://opencode.ai/docs/cli/",
  },
] as const satisfies readonly AgentCommandRule[];

export interface AgentJobRule {
  /** The job id GitHub's own agent looks for. */
  job: string;
  product: string;
  capabilities: readonly CapabilityKey[];
  environment: string;
  reason: string;
  doc: string;
}

/**
 * Agents whose job is named rather than run: the job only prepares the agent's environment, and the
 * agent acts with a token of its own, so its reach is what the vendor documents.
 */
export const AGENT_JOBS = [
  {
    job: "copilot-setup-steps",
    product: "github-copilot",
    capabilities: ["repo:read", "repo:write", "pr:create"],
    environment: "copilot",
    reason:
      "Copilot coding agent pushes only to copilot/ branches and opens pull requests a person must approve; its secrets live in the `copilot` environment",
    doc: "https://docs.github.com/en/copilot/how-tos/use-copilot-agents/coding-agent/customize-the-agent-environment",
  },
] as const satisfies readonly AgentJobRule[];

export interface TokenPermissionRule {
  scope: string;
  level: "read" | "write";
  capabilities: readonly CapabilityKey[];
  reason: string;
}

/**
 * GITHUB_TOKEN scopes (the `permissions:` key) → capabilities, following GitHub's list of what each
 * scope allows:
 * https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token
 * A scope and level not listed here is reported as unknown (e.g. `id-token: write`, which reaches whatever cloud role trusts the repo).
 * Rows with no capability are reviewed as reaching nothing in the catalog.
 */
export const TOKEN_PERMISSIONS = [
  { scope: "contents", level: "read", capabilities: ["repo:read"], reason: "clone and read the repository" },
  { scope: "contents", level: "write", capabilities: ["repo:read", "repo:write"], reason: "push commits and tags to any unprotected branch" },
  { scope: "pull-requests", level: "read", capabilities: ["repo:read"], reason: "read pull requests and their diffs" },
  { scope: "pull-requests", level: "write", capabilities: ["repo:read", "pr:create"], reason: "open, update and review pull requests" },
  { scope: "actions", level: "read", capabilities: ["logs:read"], reason: "read workflow runs and download their logs" },
  { scope: "actions", level: "write", capabilities: ["ci:run", "logs:read"], reason: "start, re-run and cancel workflow runs" },
  { scope: "deployments", level: "read", capabilities: [], reason: "read deployment statuses only" },
  { scope: "deployments", level: "write", capabilities: ["deploy:run"], reason: "create deployments, which start CD in many setups" },
  { scope: "pages", level: "read", capabilities: [], reason: "read the Pages configuration only" },
  { scope: "pages", level: "write", capabilities: ["deploy:run"], reason: "publish a GitHub Pages site" },
  { scope: "issues", level: "read", capabilities: [], reason: "issues are not in the catalog" },
  { scope: "issues", level: "write", capabilities: [], reason: "comments and labels on issues are not in the catalog" },
  { scope: "checks", level: "read", capabilities: [], reason: "check runs are reports, not reach" },
  { scope: "checks", level: "write", capabilities: [], reason: "check runs are reports, not reach" },
  { scope: "statuses", level: "read", capabilities: [], reason: "commit statuses are reports, not reach" },
  { scope: "statuses", level: "write", capabilities: [], reason: "commit statuses are reports, not reach" },
  { scope: "discussions", level: "read", capabilities: [], reason: "discussions are not in the catalog" },
  { scope: "discussions", level: "write", capabilities: [], reason: "discussions are not in the catalog" },
  { scope: "security-events", level: "read", capabilities: [], reason: "code-scanning alerts are reports, not reach" },
  { scope: "security-events", level: "write", capabilities: [], reason: "uploading code-scanning results is a report, not reach" },
  { scope: "repository-projects", level: "read", capabilities: [], reason: "project boards are not in the catalog" },
  { scope: "repository-projects", level: "write", capabilities: [], reason: "project boards are not in the catalog" },
  { scope: "packages", level: "read", capabilities: [], reason: "pulling packages reaches nothing in the catalog" },
  { scope: "models", level: "read", capabilities: [], reason: "calling GitHub Models reaches nothing in the catalog" },
  { scope: "attestations", level: "read", capabilities: [], reason: "attestations are reports, not reach" },
  { scope: "attestations", level: "write", capabilities: [], reason: "attestations are reports, not reach" },
] as const satisfies readonly TokenPermissionRule[];

/**
 * Events a person fires by hand. A job that only these start is person-started (AGENT at most);
 * any other event (push, schedule, workflow_run, a comment, …) starts it without anyone deciding to.
 */
export const PERSON_STARTED_EVENTS = [
  { event: "workflow_dispatch", reason: "someone with write access presses Run workflow or calls the dispatch API" },
] as const;

/** `with:` inputs and step env vars that hand the agent a GitHub token. */
export const TOKEN_INPUTS = ["github_token", "github-token", "token", "GITHUB_TOKEN", "GH_TOKEN"] as const;

/** Values that are the job's own GITHUB_TOKEN, which `permissions:` bounds. */
export const JOB_TOKEN_EXPRESSIONS = [/^\$\{\{\s*secrets\.GITHUB_TOKEN\s*\}\}$/i, /^\$\{\{\s*github\.token\s*\}\}$/i];
