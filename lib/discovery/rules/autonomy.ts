// How much autonomy a discovered access amounts to. The principle (issue 14, DESIGN.md's autonomy
// levels): an agent that a person starts and whose output a person reviews is AGENT at most; a
// credential of the tool's own that can change a live system is AUTONOMOUS there; reach that only
// reads, or only proposes changes a person applies, is SUGGEST. Each source picks one row per access
// and cites it in the evidence, so a reviewer sees which rule decided.
import type { Autonomy } from "@/lib/policy/types";

export interface AutonomyRule {
  id: string;
  autonomy: Autonomy;
  reason: string;
}

export const AUTONOMY_RULES = [
  // GitHub Actions: the job's triggers and the GITHUB_TOKEN it holds.
  {
    id: "ci-read-only",
    autonomy: "SUGGEST",
    reason: "the job's token only reads or opens pull requests; a person applies every change",
  },
  {
    id: "ci-event-write-deploy",
    autonomy: "AUTONOMOUS",
    reason: "an event starts the job, and its token both writes and deploys: it acts on a live system with no one in the loop",
  },
  {
    id: "ci-write",
    autonomy: "AGENT",
    reason: "the job's token changes the repository or CI, but either a person starts it or it cannot deploy",
  },
  {
    id: "ci-vendor-token",
    autonomy: "AGENT",
    reason: "the vendor runs the agent with its own token, limited to its branches and pull requests that a person reviews",
  },
  // Agent settings files: the permission mode a person's session starts in.
  { id: "mode-read-only", autonomy: "SUGGEST", reason: "the mode only reads and plans; it changes nothing" },
  {
    id: "mode-asks",
    autonomy: "AGENT",
    reason: "a person starts the session and approves what the allow-list does not pre-approve",
  },
  {
    id: "mode-bypass",
    autonomy: "AUTONOMOUS",
    reason: "every tool call runs without asking: the agent acts with all the credentials of the machine it runs on",
  },
  // MCP servers: what the server's credential can do, inside a session a person runs.
  { id: "mcp-read-only", autonomy: "SUGGEST", reason: "the server only reads" },
  { id: "mcp-write", autonomy: "AGENT", reason: "the server can change things, inside a session a person started" },
  {
    id: "mcp-bypass",
    autonomy: "AUTONOMOUS",
    reason: "the same project's settings run every tool call without asking, so the server's writes need no one",
  },
  // Kubernetes RBAC: a service account is the tool's own credential on a live cluster.
  { id: "rbac-read-only", autonomy: "SUGGEST", reason: "the bound roles only read" },
  {
    id: "rbac-write",
    autonomy: "AUTONOMOUS",
    reason: "a bound service account with write verbs is the tool's own credential on a live cluster",
  },
] as const satisfies readonly AutonomyRule[];

export type AutonomyRuleId = (typeof AUTONOMY_RULES)[number]["id"];

export function autonomyRule(id: AutonomyRuleId): AutonomyRule {
  return AUTONOMY_RULES.find((rule) => rule.id === id)!;
}

/** The evidence line that says why an access has its autonomy. */
export function autonomyDetail(id: AutonomyRuleId): string {
  const rule = autonomyRule(id);
  return `autonomy ${rule.autonomy} (${rule.id}): ${rule.reason}`;
}
