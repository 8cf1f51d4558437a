// `npm run scan -- <dir>… [--config FILE] [--json] [--post BASE_URL --token TOKEN [--scope NAME]]
// [--fail-on SEVERITY]`: reads the files of the shapes discovery knows (workflows, agent settings,
// MCP configs, Kubernetes RBAC) under each directory, skipping node_modules and .git, and prints
// what AI tools can do there: a table, or with --json exactly one JSON document {"observations",
// "unknown", "errors"} on stdout.
// --post writes the scan to the register as a discovery run of one scope (default: the directory's
// name), which replaces what the same connectors found there before; --fail-on then reads the
// register's open findings of the pairs posted. The token may come from REGISTER_TOKEN instead.
// Exit status: 2 when a file could not be read or parsed (or the arguments, the config or the call to
// the register are wrong), else 1 when an open finding of a posted pair is at least --fail-on, else 0.
// Paths are relative to the directory scanned; with several directories, each starts with its own.
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseDiscoveryConfig, EMPTY_CONFIG, ownerTeamOf, type DiscoveryConfig } from "../lib/discovery/config";
import { formatReport } from "../lib/discovery/report";
import { discover, fileKind, mayBeScanned, planSync } from "../lib/discovery/scan";
import { CONNECTORS, type ScanError, type SourceFile } from "../lib/discovery/types";
import { SEVERITIES, severityRank, type Severity } from "../lib/policy/types";
import { findingsSettled, openFindingsOf, postDiscoveryRun, RegisterError } from "./lib/register-sync";

const USAGE = "usage: npm run scan -- <dir>… [--config FILE] [--json] [--post BASE_URL --token TOKEN [--scope NAME]] [--fail-on LOW|MEDIUM|HIGH|CRITICAL]";
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);
/** How long --fail-on waits for the register to judge a posted run (a rebuild after a policy change can take minutes). */
const SETTLE_TIMEOUT_MS = 600_000;

function fail(message: string): never {
  process.stderr.write(`scan: ${message}\n`);
  process.exit(2);
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/**
 * Files under `root` a source may want, with their paths as they will be reported. Symbolic links
 * are followed (a linked workflow grants as much as a copied one), each real directory once.
 */
function walk(root: string, prefix: string, files: SourceFile[], errors: ScanError[]): void {
  const reportedPath = (full: string) => toPosix(path.join(prefix, path.relative(root, full))) || ".";
  const visited = new Set<string>();
  const visit = (dir: string) => {
    let entries;
    try {
      const real = realpathSync(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      errors.push({ file: reportedPath(dir), line: 0, message: `could not be read: ${(error as Error).message}` });
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const reported = reportedPath(full);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(full);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          // A dangling link matters only where a source would have read it.
          if (mayBeScanned(reported)) errors.push({ file: reported, line: 0, message: `is a link that could not be followed: ${(error as Error).message}` });
          continue;
        }
      }
      if (isDirectory) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) visit(full);
        continue;
      }
      if (!isFile || !mayBeScanned(reported)) continue;
      try {
        files.push({ path: reported, text: readFileSync(full, "utf8") });
      } catch (error) {
        errors.push({ file: reported, line: 0, message: `could not be read: ${(error as Error).message}` });
      }
    }
  };
  visit(root);
}

function readConfig(file: string | undefined): DiscoveryConfig {
  if (!file) return EMPTY_CONFIG;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    fail(`--config ${file} could not be read: ${(error as Error).message}`);
  }
  const parsed = parseDiscoveryConfig(text);
  if ("problems" in parsed) fail(`--config ${file} is not valid:\n${parsed.problems.map((p) => `  ${p.field}: ${p.message}`).join("\n")}`);
  return parsed.config;
}

interface SyncTarget {
  base: string;
  token: string;
  scope: string;
  failOn: Severity | undefined;
}

/** --post, --token, --scope and --fail-on read together: what to sync, or nothing. */
function syncTarget(values: { post?: string; token?: string; scope?: string; "fail-on"?: string }, dirs: string[]): SyncTarget | undefined {
  const failOn = values["fail-on"];
  if (failOn !== undefined && !(SEVERITIES as readonly string[]).includes(failOn)) fail(`--fail-on must be one of ${SEVERITIES.join(", ")}`);
  if (values.post === undefined) {
    if (values.token !== undefined || values.scope !== undefined) fail("--token and --scope go with --post");
    if (failOn !== undefined) fail("--fail-on is judged on the findings the register reports after --post: add --post BASE_URL --token TOKEN");
    return undefined;
  }
  let base: URL;
  try {
    base = new URL(values.post);
  } catch {
    fail(`--post must be the register's URL, e.g. http://localhost:3000 (got "${values.post}")`);
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") fail("--post must be an http or https URL");
  const token = values.token ?? process.env.REGISTER_TOKEN;
  if (!token) fail("--post needs --token TOKEN (or REGISTER_TOKEN): an API token of a platform lead or an admin");
  if (values.scope === undefined && dirs.length > 1) fail("several directories are posted as one run: name it with --scope NAME");
  const scope = values.scope ?? path.basename(path.resolve(dirs[0]));
  return { base: base.href, token, scope, failOn: failOn as Severity | undefined };
}

async function sync(target: SyncTarget, plan: ReturnType<typeof planSync>, filesRead: number, config: DiscoveryConfig, log: (line: string) => void): Promise<boolean> {
  if (plan.connectors.length === 0) {
    throw new RegisterError("nothing was posted: a directory could not be listed, so any connector's earlier rows might be erased by what is missing");
  }
  const owners: Record<string, string> = {};
  for (const tool of new Set(plan.observations.map((o) => o.tool))) {
    const team = ownerTeamOf(config, tool);
    if (team) owners[tool] = team;
  }
  const run = await postDiscoveryRun(target.base, target.token, plan, { scope: target.scope, filesRead, owners });
  log(
    `Posted to ${target.base} as discovery run ${run.id} (scope ${run.scope}; ${run.connectors.join(", ")}): ` +
      `${run.observationsWritten} observation${run.observationsWritten === 1 ? "" : "s"}, ${run.added} added, ${run.changed} changed, ${run.removed} removed.`,
  );
  if (run.toolsProposed.length) log(`Created PROPOSED: ${run.toolsProposed.join(", ")}.`);
  if (run.toolsSkipped.length) log(`Not in the register and no owner team in the config (not written): ${run.toolsSkipped.join(", ")}.`);
  const leftOut = CONNECTORS.filter((c) => !plan.connectors.includes(c));
  if (leftOut.length) log(`Left as the register had them, since a file they read could not be parsed: ${leftOut.join(", ")}.`);
  if (!target.failOn) return false;
  if (!(await findingsSettled(target.base, target.token, run.id, SETTLE_TIMEOUT_MS))) {
    throw new RegisterError(`the register's findings did not reflect run ${run.id} within ${SETTLE_TIMEOUT_MS / 1000} s, so --fail-on cannot be judged; try again later`);
  }
  const pairs = plan.observations.filter((o) => !run.toolsSkipped.includes(o.tool));
  const threshold = severityRank(target.failOn);
  const failing = (await openFindingsOf(target.base, target.token, pairs)).filter((f) => severityRank(f.severity) >= threshold);
  if (failing.length === 0) {
    log(`No open finding of the posted tools and environments is ${target.failOn} or worse.`);
    return false;
  }
  log(`${failing.length} open finding${failing.length === 1 ? "" : "s"} ${target.failOn} or worse:`);
  for (const f of failing) log(`  ${f.severity}  ${f.rule}  ${f.tool} in ${f.environment}: ${f.explanation}`);
  return true;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        config: { type: "string" },
        json: { type: "boolean", default: false },
        post: { type: "string" },
        token: { type: "string" },
        scope: { type: "string" },
        "fail-on": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length === 0) fail(`name at least one directory to scan\n${USAGE}`);
  const target = syncTarget(values, positionals);
  const config = readConfig(values.config);

  const files: SourceFile[] = [];
  const readErrors: ScanError[] = [];
  for (const dir of positionals) {
    let isDirectory = false;
    try {
      isDirectory = statSync(dir).isDirectory();
    } catch {
      // reported below
    }
    if (!isDirectory) fail(`${dir} is not a directory`);
    walk(dir, positionals.length > 1 ? toPosix(path.normalize(dir)) : "", files, readErrors);
  }

  const result = discover(files, config);
  result.errors = [...readErrors, ...result.errors];
  const filesRead = files.filter((file) => fileKind(file)).length;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(result, filesRead)}\n`);
  }
  let findingsMet = false;
  if (target) {
    // With --json, stdout holds the one document; what the sync says goes to stderr.
    const log = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);
    try {
      findingsMet = await sync(target, planSync(files, config, readErrors), filesRead, config, log);
    } catch (error) {
      if (!(error instanceof RegisterError)) throw error;
      fail(error.message);
    }
  }
  process.exitCode = result.errors.length > 0 ? 2 : findingsMet ? 1 : 0;
}

await main();
