// `npm run scan -- <dir>… [--config FILE] [--json]`: reads the files of the shapes discovery knows
// (workflows, agent settings, MCP configs, Kubernetes RBAC) under each directory, skipping
// node_modules and .git, and prints what AI tools can do there: a table, or with --json exactly one
// JSON document {"observations", "unknown", "errors"} on stdout. Exit status 2 when a file could not
// be read or parsed (or the arguments or config are wrong), else 0.
// Paths are relative to the directory scanned; with several directories, each starts with its own.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseDiscoveryConfig, EMPTY_CONFIG, type DiscoveryConfig } from "../lib/discovery/config";
import { formatReport } from "../lib/discovery/report";
import { discover, fileKind, mayBeScanned } from "../lib/discovery/scan";
import type { ScanError, SourceFile } from "../lib/discovery/types";
import { SEVERITIES } from "../lib/policy/types";

const USAGE = "usage: npm run scan -- <dir>… [--config FILE] [--json] [--fail-on LOW|MEDIUM|HIGH|CRITICAL]";
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);

function fail(message: string): never {
  process.stderr.write(`scan: ${message}\n`);
  process.exit(2);
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/** Files under `root` a source may want, with their paths as they will be reported. */
function walk(root: string, prefix: string, files: SourceFile[], errors: ScanError[]): void {
  const visit = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      errors.push({ file: toPosix(path.join(prefix, path.relative(root, dir))) || ".", line: 0, message: `could not be read: ${(error as Error).message}` });
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) visit(full);
        continue;
      }
      if (!entry.isFile()) continue;
      const reported = toPosix(path.join(prefix, path.relative(root, full)));
      if (!mayBeScanned(reported)) continue;
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

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        config: { type: "string" },
        json: { type: "boolean", default: false },
        post: { type: "string" },
        token: { type: "string" },
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
  if (values.post !== undefined || values.token !== undefined) {
    fail("--post and --token are not available yet: posting comes with the register's discovery API. Scan without them to see what would be sent.");
  }
  if (values["fail-on"] !== undefined) {
    if (!(SEVERITIES as readonly string[]).includes(values["fail-on"])) fail(`--fail-on must be one of ${SEVERITIES.join(", ")}`);
    fail("--fail-on is judged on the findings the register reports after --post, which comes with the register's discovery API.");
  }
  if (positionals.length === 0) fail(`name at least one directory to scan\n${USAGE}`);
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
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(result, files.filter((file) => fileKind(file)).length)}\n`);
  }
  process.exitCode = result.errors.length > 0 ? 2 : 0;
}

main();
