// A scan: files of the known shapes in, the register's observations (and what could not be mapped
// or read) out. Pure: the CLI reads the files, a future sync posts the result.
import { scanSettings, settingsRule } from "./agent-settings";
import { EMPTY_CONFIG, type DiscoveryConfig } from "./config";
import { isWorkflowPath, scanWorkflows } from "./github-actions";
import { looksLikeRbac, scanRbac } from "./k8s-rbac";
import { mcpFileRule, scanMcpConfigs } from "./mcp-config";
import { resolveAccesses } from "./resolve";
import { autonomyDetail, autonomyRule } from "./rules/autonomy";
import { CONNECTORS, type Access, type Connector, type DiscoveredObservation, type ScanError, type ScanResult, type SourceFile, type SourceResult, type UnknownEntry } from "./types";

export type FileKind = "workflow" | "agent-settings" | "mcp-config" | "k8s-manifest";

const CONNECTOR_OF_KIND: Record<FileKind, Connector> = {
  workflow: "github-actions",
  "agent-settings": "agent-settings",
  "mcp-config": "mcp-config",
  "k8s-manifest": "k8s-rbac",
};

/** The kind of file a path may be: any YAML file may be a Kubernetes manifest until its text says. */
function kindOfPath(path: string): FileKind | undefined {
  if (isWorkflowPath(path)) return "workflow";
  if (settingsRule(path)) return "agent-settings";
  if (mcpFileRule(path)) return "mcp-config";
  if (/\.ya?ml$/i.test(path)) return "k8s-manifest";
  return undefined;
}

/** Which source reads a file, by its path (and, for Kubernetes manifests, by what it declares). */
export function fileKind(file: SourceFile): FileKind | undefined {
  const kind = kindOfPath(file.path);
  return kind === "k8s-manifest" && !looksLikeRbac(file) ? undefined : kind;
}

/** Cheap test on the path alone, so a walker can skip reading files no source wants. */
export function mayBeScanned(path: string): boolean {
  return kindOfPath(path) !== undefined;
}

/**
 * The connector that reads a file of this path; undefined for a path no connector names (a
 * directory that could not be listed may have held files of every kind).
 */
export function connectorOfPath(path: string): Connector | undefined {
  const kind = kindOfPath(path);
  return kind && CONNECTOR_OF_KIND[kind];
}

/** The directory a project-level agent file belongs to (`a/.claude/settings.json` → `a`). */
function projectRoot(path: string): string {
  const match = /^(.*?)(?:^|\/)(?:\.claude|\.gemini|\.cursor|\.vscode)\//.exec(path);
  if (match) return match[1];
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/**
 * An MCP server started by an agent whose project settings skip every prompt acts without anyone:
 * its access takes that autonomy, with the setting as evidence.
 */
function raiseBypassedServers(settings: readonly Access[], servers: Access[]): void {
  for (const server of servers) {
    const bypass = settings.find(
      (s) => s.autonomy === "AUTONOMOUS" && s.product === server.product && projectRoot(s.file) === projectRoot(server.file),
    );
    if (!bypass) continue;
    server.autonomy = autonomyRule("mcp-bypass").autonomy;
    server.evidence.push({ connector: "mcp-config", file: bypass.file, line: bypass.line, detail: `${autonomyDetail("mcp-bypass")} (${bypass.file})` });
  }
}

const byPlace = <T extends { file: string; line: number }>(a: T, b: T) => a.file.localeCompare(b.file) || a.line - b.line;

/** Every source's accesses, unknowns and errors, before the config maps them to the register. */
function scanSources(files: readonly SourceFile[]): SourceResult[] {
  const byKind = new Map<FileKind, SourceFile[]>();
  for (const file of files) {
    const kind = fileKind(file);
    if (!kind) continue;
    const list = byKind.get(kind);
    if (list) list.push(file);
    else byKind.set(kind, [file]);
  }
  const settings = scanSettings(byKind.get("agent-settings") ?? []);
  const servers = scanMcpConfigs(byKind.get("mcp-config") ?? []);
  raiseBypassedServers(settings.accesses, servers.accesses);
  return [scanWorkflows(byKind.get("workflow") ?? []), settings, servers, scanRbac(byKind.get("k8s-manifest") ?? [])];
}

export function discover(files: readonly SourceFile[], config: DiscoveryConfig = EMPTY_CONFIG): ScanResult {
  const results = scanSources(files);
  const resolved = resolveAccesses(
    results.flatMap((r) => r.accesses),
    config,
  );
  return {
    observations: resolved.observations,
    unknown: [...results.flatMap((r) => r.unknown), ...resolved.unknown].sort(byPlace),
    errors: results.flatMap((r) => r.errors).sort(byPlace),
  };
}

/** An observation as a sync writes it: of one connector, since each connector replaces only its own rows. */
export interface SyncObservation extends DiscoveredObservation {
  connector: Connector;
}

export interface SyncPlan {
  /** The connectors whose rows the sync replaces: every one but those with a file they could not read (none, after an unreadable directory). */
  connectors: Connector[];
  observations: SyncObservation[];
  unknown: UnknownEntry[];
  errors: ScanError[];
}

/**
 * What a sync posts: the scan's observations per connector. A connector with an unreadable file is
 * left out, so that what it observed before stays rather than being erased by a partial reading.
 */
export function planSync(files: readonly SourceFile[], config: DiscoveryConfig = EMPTY_CONFIG, readErrors: readonly ScanError[] = []): SyncPlan {
  const results = scanSources(files);
  const errors = [...readErrors, ...results.flatMap((r) => r.errors)].sort(byPlace);
  const failed = errors.map((e) => connectorOfPath(e.file));
  const connectors = failed.includes(undefined) ? [] : CONNECTORS.filter((c) => !failed.includes(c));
  const accesses = results.flatMap((r) => r.accesses);
  const observations: SyncObservation[] = [];
  const unknown = results.flatMap((r) => r.unknown);
  for (const connector of CONNECTORS) {
    const resolved = resolveAccesses(
      accesses.filter((a) => a.connector === connector),
      config,
    );
    unknown.push(...resolved.unknown);
    if (connectors.includes(connector)) observations.push(...resolved.observations.map((o) => ({ ...o, connector })));
  }
  unknown.sort(byPlace);
  return { connectors, observations, unknown, errors };
}
