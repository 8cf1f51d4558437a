// `npm run gate -- --repo DIR --range BASE..HEAD --service NAME --environment NAME
//   [--approvers a@x,b@y | --approvers-file FILE] [--tool SLUG] [--mode MODE] [--rollback-plan TEXT]
//   [--config FILE] [--record] --url BASE_URL --token TOKEN`
// The pre-deploy gate for CI: reads the range's commits with git (AI origin from authors, trailers,
// "Generated with" lines and git-ai notes; the change type from the paths), asks the register's
// POST /api/v1/changes/check, prints the verdict with each reason, and with --record, once allowed,
// records the change (externalId = head SHA + environment, so a re-run records nothing new).
// Exit status: 0 allowed, 1 not allowed, 2 on a usage, git or network error. The token may come
// from REGISTER_TOKEN.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { approversFromReviews, gateConfigSchema, githubReviewsSchema, type GateConfig } from "../lib/gate/approvers";
import { changeTypeOf, rangeOrigin, type GateCommit } from "../lib/gate/origin";
import { changeCheckAnswerSchema } from "../lib/dto/changes";
import { identityResolutionSchema } from "../lib/dto/users";
import { AUTONOMY_LEVELS, type Autonomy } from "../lib/policy/types";

const USAGE =
  "usage: npm run gate -- --repo DIR --range BASE..HEAD --service NAME --environment NAME [--approvers a@x,b@y | --approvers-file FILE] " +
  "[--tool SLUG] [--mode MODE] [--rollback-plan TEXT] [--config FILE] [--record] --url BASE_URL --token TOKEN";
// A coding agent whose commits a person merges acts as an AGENT (discovery's autonomy rule).
const DEFAULT_MODE: Autonomy = "AGENT";

class UsageError extends Error {}

function fail(message: string): never {
  process.stderr.write(`gate: ${message}\n`);
  process.exit(2);
}

function git(repo: string, ...args: string[]): string {
  try {
    return execFileSync("git", ["-C", repo, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new UsageError(`git ${args.join(" ")} failed${stderr ? `: ${stderr}` : ""}`);
  }
}

const FIELD = "\u001f";

/** A revision of the range as the commit it names; --end-of-options keeps it from being read as an option. */
const commitOf = (repo: string, revision: string): string => git(repo, "rev-parse", "--verify", "--end-of-options", `${revision}^{commit}`).trim();

// Merge commits are left out: a "merge main" commit says nothing about who wrote the change.
function readCommits(repo: string, base: string, head: string): GateCommit[] {
  const out = git(repo, "log", "-z", "--reverse", "--no-merges", "--notes=ai", `--format=%H${FIELD}%an${FIELD}%ae${FIELD}%B${FIELD}%N`, `${base}..${head}`, "--");
  return out
    .split("\u0000")
    .filter((entry) => entry.trim())
    .map((entry) => {
      const [sha, authorName, authorEmail, message, aiNote] = entry.split(FIELD);
      return { sha, authorName, authorEmail, message: message ?? "", aiNote: aiNote ?? "" };
    });
}

/** The paths the range changes since it left its base (three dots: not what the base did meanwhile). */
function changedPaths(repo: string, base: string, head: string): string[] {
  return git(repo, "diff", "--name-only", "-z", "--no-renames", `${base}...${head}`, "--").split("\u0000").filter(Boolean);
}

function readJson<T>(file: string, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${what} ${file} could not be read as JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${what} ${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

async function call<T>(base: string, token: string, path: string, body: unknown, answer: z.ZodType<T>): Promise<{ status: number; json: T | null }> {
  let response: Response;
  try {
    response = await fetch(new URL(path, base), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new UsageError(`POST ${path} failed: ${(error as Error).message}`);
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // reported below with the status
  }
  if (response.status === 409) return { status: 409, json: null };
  if (response.status >= 400) throw new UsageError(`POST ${path} answered ${response.status}: ${(json as { error?: { message?: string } })?.error?.message ?? text.slice(0, 500)}`);
  const parsed = answer.safeParse(json);
  if (!parsed.success) throw new UsageError(`POST ${path} answered ${response.status} with a body the gate does not understand: ${text.slice(0, 300)}`);
  return { status: response.status, json: parsed.data };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      repo: { type: "string", default: "." },
      range: { type: "string" },
      service: { type: "string" },
      environment: { type: "string" },
      approvers: { type: "string" },
      "approvers-file": { type: "string" },
      tool: { type: "string" },
      mode: { type: "string" },
      "rollback-plan": { type: "string" },
      config: { type: "string" },
      record: { type: "boolean", default: false },
      url: { type: "string" },
      token: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  for (const required of ["range", "service", "environment", "url"] as const) {
    if (!values[required]) throw new UsageError(`--${required} is required\n${USAGE}`);
  }
  const ends = values.range!.split("..");
  // Neither end may start with "-": git would read it as an option.
  if (ends.length !== 2 || ends.some((end) => !/^[^-.\s]\S*$/.test(end))) throw new UsageError("--range must be BASE..HEAD (two revisions, neither starting with -)");
  if (values.approvers !== undefined && values["approvers-file"] !== undefined) throw new UsageError("give --approvers or --approvers-file, not both");
  if (values.mode !== undefined && !(AUTONOMY_LEVELS as readonly string[]).includes(values.mode)) throw new UsageError(`--mode must be one of ${AUTONOMY_LEVELS.join(", ")}`);
  const token = values.token ?? process.env.REGISTER_TOKEN;
  if (!token) throw new UsageError("--token TOKEN (or REGISTER_TOKEN) is required");
  const config: GateConfig = values.config ? readJson(values.config, gateConfigSchema, "--config") : { tools: {}, logins: {} };

  const [base, head] = ends.map((end) => commitOf(values.repo!, end));
  const commits = readCommits(values.repo!, base, head);
  if (commits.length === 0) throw new UsageError(`the range ${values.range} holds no commits but merges`);
  const paths = changedPaths(values.repo!, base, head);
  const origin = rangeOrigin(commits);
  const changeType = changeTypeOf(paths);

  let approvers = values.approvers ? values.approvers.split(",").map((email) => email.trim()).filter(Boolean) : [];
  if (values["approvers-file"]) {
    const reviews = approversFromReviews(readJson(values["approvers-file"], githubReviewsSchema, "--approvers-file"), config.logins);
    approvers = reviews.emails;
    if (reviews.unresolved.length) {
      const resolved = (await call(values.url!, token, "/api/v1/users/resolve", { github: reviews.unresolved }, identityResolutionSchema)).json!;
      if (resolved.unknown.length) {
        throw new UsageError(`approvals by ${resolved.unknown.join(", ")} name no active register user: set the GitHub login on their People page entry (or map it under "logins" in --config)`);
      }
      const emailOf = new Map(resolved.people.map((person) => [person.github, person.email]));
      approvers = [...new Set([...approvers, ...reviews.unresolved.map((login) => emailOf.get(login)!)])];
    }
  }

  if (!values.tool && origin.products.length > 1) {
    throw new UsageError(`the range's commits name ${origin.products.join(" and ")}: each needs its own grant, so gate one tool at a time with --tool SLUG`);
  }
  const product = origin.products[0] ?? null;
  const tool = values.tool ?? (product ? (Object.hasOwn(config.tools, product) ? config.tools[product] : product) : null);
  if (origin.aiOrigin !== "HUMAN" && !tool) throw new UsageError("the range is AI-made but names no tool the gate knows: name it with --tool SLUG");
  const mode = tool ? ((values.mode as Autonomy | undefined) ?? DEFAULT_MODE) : null;

  const ai = origin.commits.filter((c) => c.ai).length;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`range ${values.range}: ${commits.length} commit${commits.length === 1 ? "" : "s"}, ${origin.aiOrigin} (${ai} made with an AI tool)`);
  for (const c of origin.commits.filter((o) => o.ai)) log(`  ${c.sha.slice(0, 12)}  ${c.signals.join("; ")}`);
  log(`tool: ${tool ? `${tool}${product && tool !== product ? ` (${product})` : ""}, mode ${mode}${values.mode ? "" : " (the default; --mode says otherwise)"}` : "none"}`);
  log(`change type: ${changeType.type}${changeType.path ? ` (${changeType.path}: ${changeType.reason})` : ""}`);
  log(`approvers: ${approvers.join(", ") || "none"}`);

  const change = {
    service: values.service,
    environment: values.environment,
    changeType: changeType.type,
    aiOrigin: origin.aiOrigin,
    tool,
    mode,
    approvers,
    rollbackPlan: values["rollback-plan"] ?? null,
  };
  const verdict = (await call(values.url!, token, "/api/v1/changes/check", change, changeCheckAnswerSchema)).json;
  if (!verdict) throw new UsageError("POST /api/v1/changes/check answered 409");
  const violations = verdict.violations;
  if (!verdict.allowed) {
    log(`NOT ALLOWED to deploy to ${values.environment}:`);
    for (const v of violations) log(`  ${v.code}: ${v.message}`);
    return 1;
  }
  log(`ALLOWED to deploy to ${values.environment}.`);
  if (values.record) {
    const externalId = `${head}:${values.environment}`;
    // The deployment time differs on a re-run, so the ledger answers 409: the change is there already.
    const recorded = await call(values.url!, token, "/api/v1/changes", { ...change, externalId, deployedAt: new Date().toISOString() }, z.unknown());
    log(recorded.status === 409 ? `A change ${externalId} is recorded already; not recorded again.` : `Recorded as change ${externalId}.`);
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) fail((error as Error).message);
  throw error;
}
