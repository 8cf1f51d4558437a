// GitHub Actions workflows → accesses. A job is an AI tool's when a step uses a known agent action or
// runs a known agent CLI (or, for Copilot coding agent, by its job name); the job's GITHUB_TOKEN
// permissions and its deployment environment say what the agent can do. Rules: rules/github-actions.ts.
import { isMap, isScalar, type Node, type YAMLMap } from "yaml";
import { autonomyDetail, autonomyRule, type AutonomyRuleId } from "./rules/autonomy";
import { changesSomething, sortCapabilities } from "./rules/capabilities";
import {
  AGENT_ACTIONS,
  AGENT_COMMANDS,
  AGENT_JOBS,
  JOB_TOKEN_EXPRESSIONS,
  PERSON_STARTED_EVENTS,
  TOKEN_INPUTS,
  TOKEN_PERMISSIONS,
} from "./rules/github-actions";
import { emptyResult, type Access, type EnvironmentKey, type Evidence, type SourceFile, type SourceResult, type UnknownEntry } from "./types";
import { parseYaml, YamlLines } from "./yaml";

const CONNECTOR = "github-actions" as const;

export function isWorkflowPath(path: string): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

export function scanWorkflows(files: readonly SourceFile[]): SourceResult {
  const result = emptyResult();
  for (const file of files) {
    const one = scanWorkflow(file);
    result.accesses.push(...one.accesses);
    result.unknown.push(...one.unknown);
    result.errors.push(...one.errors);
  }
  return result;
}

interface AgentUse {
  product: string;
  ref?: string;
  line: number;
  detail: string;
  step?: YAMLMap;
}

interface Grants {
  capabilities: string[];
  evidence: Evidence[];
  unknown: UnknownEntry[];
}

const MARKERS = [...AGENT_ACTIONS.map((rule) => rule.ref), ...AGENT_JOBS.map((rule) => rule.job)];

/**
 * A job can only be an agent's if the file names an agent action, command or job. Most workflows of
 * an organisation name none, and parsing is most of a scan's time, so those are not parsed at all;
 * their syntax is GitHub's to check, since they cannot grant an AI tool anything.
 */
export function mentionsAgent(text: string): boolean {
  const lower = text.toLowerCase();
  return MARKERS.some((marker) => lower.includes(marker)) || AGENT_COMMANDS.some((rule) => rule.pattern.test(text));
}

export function scanWorkflow(file: SourceFile): SourceResult {
  const result = emptyResult();
  if (!mentionsAgent(file.text)) return result;
  const parsed = parseYaml(file.path, file.text, { single: true });
  result.errors.push(...parsed.errors);
  const doc = parsed.docs[0];
  if (!doc) return result;
  const y = new YamlLines(doc, parsed.lineCounter);
  const root = y.map(doc.contents);
  if (!root) {
    result.errors.push({ file: file.path, line: 1, message: "not a workflow: the top level is not a mapping" });
    return result;
  }
  const events = triggers(y, root);
  const eventStarted = events.names.some((name) => !PERSON_STARTED_EVENTS.some((e) => e.event === name));
  const workflowPermissions = y.get(root, "permissions");

  for (const job of y.entries(y.map(y.get(root, "jobs")))) {
    const jobMap = y.map(job.value);
    if (!jobMap) continue;
    const vendorJob = AGENT_JOBS.find((rule) => rule.job === job.key);
    if (vendorJob) {
      result.accesses.push(vendorAccess(file, job.key, job.line, vendorJob));
      continue;
    }
    const uses = agentUses(file, y, jobMap, job.key);
    if (uses.length === 0) continue;

    const jobPermissions = y.get(jobMap, "permissions");
    const grants = jobPermissions
      ? permissionGrants(file, y, jobPermissions, y.keyLine(jobMap, "permissions"), `job \`${job.key}\``)
      : workflowPermissions
        ? permissionGrants(file, y, workflowPermissions, y.keyLine(root, "permissions"), "workflow")
        : defaultGrants(file, job.key, job.line);
    result.unknown.push(...grants.unknown);

    const environment = jobEnvironment(file, y, jobMap, job.key);
    result.unknown.push(...environment.unknown);

    for (const product of new Set(uses.map((use) => use.product))) {
      const mine = uses.filter((use) => use.product === product);
      const capabilities = sortCapabilities([...grants.capabilities, ...environment.capabilities]);
      const ruleId: AutonomyRuleId = !changesSomething(capabilities)
        ? "ci-read-only"
        : eventStarted && capabilities.includes("deploy:run")
          ? "ci-event-write-deploy"
          : "ci-write";
      for (const use of mine) result.unknown.push(...tokenUnknowns(file, y, use, job.key));
      result.accesses.push({
        connector: CONNECTOR,
        product,
        refs: [...new Set(mine.flatMap((use) => (use.ref ? [use.ref] : [])).concat(product))],
        environmentKeys: environment.keys,
        file: file.path,
        line: mine[0].line,
        autonomy: autonomyRule(ruleId).autonomy,
        capabilities,
        evidence: [
          ...mine.map((use) => evidence(file, use.line, use.detail)),
          evidence(file, events.line, events.detail),
          ...grants.evidence,
          ...environment.evidence,
          evidence(file, job.line, `job \`${job.key}\`: ${autonomyDetail(ruleId)}`),
        ],
      });
    }
  }
  return result;
}

function evidence(file: SourceFile, line: number, detail: string): Evidence {
  return { connector: CONNECTOR, file: file.path, line, detail };
}

function triggers(y: YamlLines, root: YAMLMap): { names: string[]; line: number; detail: string } {
  const on = y.get(root, "on");
  const names = isMap(on) ? y.entries(on).map((entry) => entry.key) : y.strings(on).map((s) => s.value);
  const started = names.every((name) => PERSON_STARTED_EVENTS.some((e) => e.event === name));
  return {
    names,
    line: y.keyLine(root, "on"),
    detail:
      names.length === 0
        ? "no `on:` triggers"
        : `on: ${names.join(", ")} (${started ? "started by a person" : "started by events, without anyone deciding to"})`,
  };
}

function normalizeRef(uses: string): string {
  return uses.split("@")[0].trim().toLowerCase();
}

function agentUses(file: SourceFile, y: YamlLines, job: YAMLMap, jobId: string): AgentUse[] {
  const found: AgentUse[] = [];
  for (const stepNode of y.items(y.get(job, "steps"))) {
    const step = y.map(stepNode);
    if (!step) continue;
    const uses = y.string(step, "uses");
    if (uses) {
      const ref = normalizeRef(uses);
      const rule = AGENT_ACTIONS.find((r) => ref === r.ref || ref.startsWith(`${r.ref}/`));
      if (rule) {
        found.push({ product: rule.product, ref: rule.ref, line: y.keyLine(step, "uses"), detail: `job \`${jobId}\` runs ${uses.trim()}: ${rule.reason}`, step });
      }
    }
    const run = y.get(step, "run");
    if (isScalar(run) && typeof run.value === "string" && run.range) {
      const source = file.text.slice(run.range[0], run.range[1]);
      for (const rule of AGENT_COMMANDS) {
        const match = rule.pattern.exec(source);
        if (!match) continue;
        const line = y.line(run) + countNewlines(source.slice(0, match.index));
        found.push({ product: rule.product, line, detail: `job \`${jobId}\` runs \`${match[0]}\`: ${rule.reason}`, step });
      }
    }
  }
  return found;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

function permissionGrants(file: SourceFile, y: YamlLines, node: Node, line: number, owner: string): Grants {
  const grants: Grants = { capabilities: [], evidence: [], unknown: [] };
  if (isScalar(node)) {
    const value = String(node.value);
    const level = value === "write-all" ? "write" : value === "read-all" ? "read" : undefined;
    if (!level) {
      grants.unknown.push({ kind: "permission", value: `permissions: ${value}`, file: file.path, line });
      return grants;
    }
    const rows = TOKEN_PERMISSIONS.filter((row) => row.level === level || (level === "write" && row.level === "read"));
    grants.capabilities = sortCapabilities(rows.flatMap((row) => row.capabilities));
    grants.evidence.push(
      evidence(file, line, `${owner} permissions: ${value} grants every scope${level === "write" ? " read and write" : " read"}: ${grants.capabilities.join(", ") || "nothing in the catalog"}`),
    );
    return grants;
  }
  const map = y.map(node);
  if (!map) return grants;
  const entries = y.entries(map);
  if (entries.length === 0) {
    grants.evidence.push(evidence(file, line, `${owner} permissions: {} leaves the token no access`));
    return grants;
  }
  for (const entry of entries) {
    const level = isScalar(entry.value) ? String(entry.value.value) : "";
    if (level === "none") continue;
    const row = TOKEN_PERMISSIONS.find((r) => r.scope === entry.key && r.level === level);
    if (!row) {
      grants.unknown.push({ kind: "permission", value: `${entry.key}: ${level}`, file: file.path, line: entry.line, detail: `${owner}: no rule says what this scope reaches` });
      continue;
    }
    if (row.capabilities.length === 0) continue;
    grants.capabilities.push(...row.capabilities);
    grants.evidence.push(evidence(file, entry.line, `${owner} permissions ${entry.key}: ${level} (${row.reason}): ${row.capabilities.join(", ")}`));
  }
  grants.capabilities = sortCapabilities(grants.capabilities);
  return grants;
}

/** No `permissions:` anywhere: the token gets the repository's default, which may be write-all. */
function defaultGrants(file: SourceFile, jobId: string, line: number): Grants {
  const capabilities = sortCapabilities(TOKEN_PERMISSIONS.flatMap((row) => row.capabilities));
  return {
    capabilities,
    unknown: [],
    evidence: [
      evidence(
        file,
        line,
        `job \`${jobId}\` sets no permissions: (nor does the workflow): GITHUB_TOKEN gets the repository's default, write-all where the repository or organisation is permissive; assumed write-all: ${capabilities.join(", ")}`,
      ),
    ],
  };
}

function jobEnvironment(file: SourceFile, y: YamlLines, job: YAMLMap, jobId: string) {
  const keys: EnvironmentKey[] = [];
  const capabilities: string[] = [];
  const evidenceList: Evidence[] = [];
  const unknown: UnknownEntry[] = [];
  const node = y.get(job, "environment");
  const line = y.keyLine(job, "environment");
  const name = isScalar(node) ? String(node.value) : y.string(y.map(node), "name");
  if (name !== undefined) {
    if (name.includes("${{")) {
      unknown.push({ kind: "environment", value: name, file: file.path, line, detail: `job \`${jobId}\` picks its environment at run time` });
    } else {
      keys.push({ kind: "github-env", value: name, line });
    }
    capabilities.push("deploy:run");
    evidenceList.push(evidence(file, line, `job \`${jobId}\` environment: ${name} — a deployment environment, with its secrets: deploy:run`));
  }
  return { keys, capabilities, evidence: evidenceList, unknown };
}

function tokenUnknowns(file: SourceFile, y: YamlLines, use: AgentUse, jobId: string): UnknownEntry[] {
  if (!use.step) return [];
  const found: UnknownEntry[] = [];
  for (const section of ["with", "env"]) {
    for (const entry of y.entries(y.map(y.get(use.step, section)))) {
      if (!(TOKEN_INPUTS as readonly string[]).includes(entry.key) || !isScalar(entry.value)) continue;
      const value = String(entry.value.value).trim();
      if (JOB_TOKEN_EXPRESSIONS.some((pattern) => pattern.test(value))) continue;
      found.push({
        kind: "token",
        // An expression names where the token comes from; a literal would be the secret itself.
        value: value.includes("${{") ? value : "(a literal token)",
        file: file.path,
        line: entry.line,
        detail: `job \`${jobId}\` hands ${use.product} a token of its own (${section}.${entry.key}); permissions: does not bound what it reaches`,
      });
    }
  }
  return found;
}

function vendorAccess(file: SourceFile, jobId: string, line: number, rule: (typeof AGENT_JOBS)[number]): Access {
  return {
    connector: CONNECTOR,
    product: rule.product,
    refs: [rule.product],
    environmentKeys: [{ kind: "github-env", value: rule.environment, line }],
    file: file.path,
    line,
    autonomy: autonomyRule("ci-vendor-token").autonomy,
    capabilities: sortCapabilities(rule.capabilities),
    evidence: [
      evidence(file, line, `job \`${jobId}\` sets up ${rule.product}: ${rule.reason}: ${rule.capabilities.join(", ")}`),
      evidence(file, line, `job \`${jobId}\`: ${autonomyDetail("ci-vendor-token")}`),
    ],
  };
}
