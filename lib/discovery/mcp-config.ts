// MCP server configs → accesses: a known server (by package, image or URL) gives capabilities, and
// the hosts its URL, connection strings or *_HOST variables name give the environment. Credentials in
// connection strings are never repeated in evidence: only host names are. Rules: rules/mcp.ts.
import type { Node } from "jsonc-parser";
import { matchesGlob } from "./glob";
import { entries, lineOf, nodeAt, plainValue, scanJsonFiles, stringItems, type JsonDocument } from "./json";
import { autonomyDetail, autonomyRule } from "./rules/autonomy";
import { changesSomething, sortCapabilities } from "./rules/capabilities";
import {
  HOST_ENV_VARS,
  IMAGE_LAUNCHERS,
  LAUNCHER_OPTIONS_WITH_VALUE,
  MCP_FILES,
  MCP_SERVERS,
  PACKAGE_LAUNCHERS,
  type McpFileRule,
  type McpRestriction,
  type McpServerRule,
} from "./rules/mcp";
import type { EnvironmentKey, Evidence, SourceFile, SourceResult } from "./types";

const CONNECTOR = "mcp-config" as const;

export function mcpFileRule(path: string): McpFileRule | undefined {
  return MCP_FILES.find((rule) => matchesGlob(path, rule.path));
}

export function scanMcpConfigs(files: readonly SourceFile[]): SourceResult {
  return scanJsonFiles(files, mcpFileRule, (file, rule, doc, result) => {
    const other = rule.key === "servers" ? "mcpServers" : "servers";
    const servers = nodeAt(doc.root, [rule.key]) ?? nodeAt(doc.root, [other]);
    for (const [name, node] of entries(servers)) scanServer(file, rule, doc, name, node, result);
  });
}

interface Launch {
  command: string;
  args: { value: string; line: number }[];
  env: Record<string, { value: string; line: number }>;
  headers: Record<string, string>;
  url?: { value: string; line: number };
}

function readLaunch(doc: JsonDocument, node: Node): Launch {
  const str = (key: string) => {
    const child = nodeAt(node, [key]);
    return child?.type === "string" ? { value: child.value as string, line: lineOf(doc, child) } : undefined;
  };
  const env: Launch["env"] = {};
  for (const [key, value] of entries(nodeAt(node, ["env"]))) {
    if (value.type === "string") env[key] = { value: value.value as string, line: lineOf(doc, value) };
  }
  const headers: Launch["headers"] = {};
  for (const [key, value] of entries(nodeAt(node, ["headers"]))) if (value.type === "string") headers[key] = value.value as string;
  return {
    command: str("command")?.value ?? "",
    args: stringItems(nodeAt(node, ["args"])).map((item) => ({ value: item.value, line: doc.lines.line(item.node.offset) })),
    env,
    headers,
    url: str("url") ?? str("serverUrl") ?? str("httpUrl"),
  };
}

/** Interpreters whose first argument is the server's own script: the script names the server. */
const SCRIPT_RUNNERS = ["node", "python", "python3", "deno", "bun"];

const baseName = (command: string) => command.split(/[\\/]/).pop()!.replace(/\.(cmd|exe)$/i, "").toLowerCase();

function stripPackageVersion(spec: string): string {
  const at = spec.indexOf("@", spec.startsWith("@") ? 1 : 0);
  return (at === -1 ? spec : spec.slice(0, at)).split("==")[0];
}

function stripImage(image: string): string {
  const withoutDigest = image.split("@")[0];
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  return (colon === -1 ? withoutDigest : withoutDigest.slice(0, colon)).toLowerCase();
}

/** The package or image the launcher starts, e.g. `npx -y @scope/pkg@1` → `@scope/pkg`. */
function launched(launch: Launch): { package?: string; image?: string } {
  let command = baseName(launch.command);
  let args = launch.args.map((a) => a.value);
  if (command === "cmd" && args[0]?.toLowerCase() === "/c") {
    command = baseName(args[1] ?? "");
    args = args.slice(2);
  }
  const isImage = (IMAGE_LAUNCHERS as readonly string[]).includes(command);
  if (SCRIPT_RUNNERS.includes(command)) {
    const script = args.find((arg) => !arg.startsWith("-"));
    return script ? { package: baseName(script) } : {};
  }
  if (!isImage && !(PACKAGE_LAUNCHERS as readonly string[]).includes(command)) return command ? { package: command } : {};
  if (isImage) {
    const run = args.indexOf("run");
    args = run === -1 ? [] : args.slice(run + 1);
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!isImage && (arg === "-p" || arg === "--package" || arg === "--from")) return { package: stripPackageVersion(args[i + 1] ?? "") };
    if (!isImage && (arg.startsWith("--package=") || arg.startsWith("--from="))) return { package: stripPackageVersion(arg.split("=")[1]) };
    if (arg.startsWith("-")) {
      if (!arg.includes("=") && (LAUNCHER_OPTIONS_WITH_VALUE as readonly string[]).includes(arg)) i++;
      continue;
    }
    return isImage ? { image: stripImage(arg) } : { package: stripPackageVersion(arg) };
  }
  return {};
}

function urlPath(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.pathname}`.replace(/\/+$/, "").toLowerCase();
  } catch {
    return undefined;
  }
}

const prefixOf = (value: string, prefix: string) => value === prefix || value.startsWith(`${prefix}/`);

function matchServer(launch: Launch): McpServerRule | undefined {
  const { package: pkg, image } = launched(launch);
  const url = launch.url && urlPath(launch.url.value);
  return MCP_SERVERS.find(
    (rule: McpServerRule) =>
      (pkg !== undefined && (rule.packages ?? []).includes(pkg)) ||
      (image !== undefined && (rule.images ?? []).some((name) => image === name || image.endsWith(`/${name}`))) ||
      (url !== undefined && (rule.urls ?? []).some((prefix) => prefixOf(url, prefix))),
  );
}

function restrictionApplies(restriction: McpRestriction, launch: Launch): boolean {
  const url = launch.url && urlPath(launch.url.value);
  return (
    (restriction.args ?? []).some((flag) => launch.args.some((a) => a.value === flag || a.value.startsWith(`${flag}=true`))) ||
    Object.entries(restriction.env ?? {}).some(([key, values]) => launch.env[key] !== undefined && values.includes(launch.env[key].value)) ||
    (restriction.urls ?? []).some((prefix) => url !== undefined && prefixOf(url, prefix)) ||
    Object.entries(restriction.headers ?? {}).some(([key, values]) =>
      Object.entries(launch.headers).some(([name, value]) => name.toLowerCase() === key.toLowerCase() && values.includes(value)),
    )
  );
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

function hostOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host && !host.includes("$") ? host : undefined;
  } catch {
    return undefined;
  }
}

/** Hosts the server connects to: its URL, URLs in args and env, and *_HOST variables. */
function hosts(launch: Launch): EnvironmentKey[] {
  const found: EnvironmentKey[] = [];
  const add = (host: string | undefined, line: number) => {
    if (host && !found.some((key) => key.value === host)) found.push({ kind: "host", value: host, line });
  };
  if (launch.url) add(hostOf(launch.url.value), launch.url.line);
  for (const item of [...launch.args, ...Object.values(launch.env)]) {
    for (const match of item.value.matchAll(URL_IN_TEXT)) add(hostOf(match[0]), item.line);
  }
  for (const [key, item] of Object.entries(launch.env)) {
    if (HOST_ENV_VARS.test(key) && !item.value.includes("${") && /^[a-z0-9.-]+$/i.test(item.value)) add(item.value.toLowerCase(), item.line);
  }
  return found;
}

function scanServer(file: SourceFile, fileRule: McpFileRule, doc: JsonDocument, name: string, node: Node, result: SourceResult): void {
  if (plainValue(nodeAt(node, ["disabled"])) === true) return;
  const line = lineOf(doc, node);
  const launch = readLaunch(doc, node);
  const rule = matchServer(launch);
  if (!rule) {
    const { package: pkg, image } = launched(launch);
    const value = pkg ?? image ?? (launch.url && urlPath(launch.url.value)) ?? name;
    result.unknown.push({ kind: "mcp-server", value, file: file.path, line, detail: `${fileRule.product} server \`${name}\`: no rule says what it reaches` });
    return;
  }
  const restriction = (rule.restrictions ?? []).find((r) => restrictionApplies(r, launch));
  const capabilities = sortCapabilities(restriction ? restriction.capabilities : rule.capabilities);
  if (capabilities.length === 0) return;

  const ev = (at: number, detail: string): Evidence => ({ connector: CONNECTOR, file: file.path, line: at, detail });
  const environmentKeys = hosts(launch);
  const ruleId = changesSomething(capabilities) ? "mcp-write" : "mcp-read-only";
  result.accesses.push({
    connector: CONNECTOR,
    product: fileRule.product,
    refs: [fileRule.product],
    environmentKeys,
    file: file.path,
    line,
    autonomy: autonomyRule(ruleId).autonomy,
    capabilities,
    evidence: [
      ev(line, `${fileRule.product} server \`${name}\` is the ${rule.id} MCP server (${restriction ? restriction.reason : rule.reason}): ${capabilities.join(", ")}`),
      ...environmentKeys.map((key) => ev(key.line, `server \`${name}\` connects to ${key.value}`)),
      ev(line, `server \`${name}\`: ${autonomyDetail(ruleId)}`),
    ],
  });
}
