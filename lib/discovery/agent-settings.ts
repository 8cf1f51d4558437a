// Agent settings files → accesses: the permission mode a session starts in gives the autonomy, and
// the allow-listed tools and commands give the capabilities. Claude Code (.claude/settings.json,
// settings.local.json, managed-settings.json) and Gemini CLI (.gemini/settings.json and the system
// files). Rules: rules/agent-settings.ts and rules/commands.ts.
import type { Node } from "jsonc-parser";
import { claudeCommandPattern, commandReach, deniesRule, prefixCommandPattern, type CommandPattern } from "./commands";
import { matchesGlob } from "./glob";
import { lineOf, nodeAt, scanJsonFiles, stringItems, type JsonDocument } from "./json";
import {
  DEFAULT_MODES,
  LOCAL_TOOLS,
  PERMISSION_MODES,
  SETTINGS_FILES,
  SHELL_TOOLS,
  type SettingsFileRule,
  type SettingsFormat,
} from "./rules/agent-settings";
import { autonomyDetail, autonomyRule } from "./rules/autonomy";
import { sortCapabilities } from "./rules/capabilities";
import type { Evidence, SourceFile, SourceResult } from "./types";

const CONNECTOR = "agent-settings" as const;

export function settingsRule(path: string): SettingsFileRule | undefined {
  return SETTINGS_FILES.find((rule) => matchesGlob(path, rule.path));
}

interface Layout {
  modePath: string[];
  allowPath: string[];
  denyPath: string[];
  pattern: (spec: string | undefined) => CommandPattern[];
}

const LAYOUTS: Record<SettingsFormat, Layout> = {
  "claude-code": {
    modePath: ["permissions", "defaultMode"],
    allowPath: ["permissions", "allow"],
    denyPath: ["permissions", "deny"],
    pattern: claudeCommandPattern,
  },
  "gemini-cli": {
    modePath: ["general", "defaultApprovalMode"],
    allowPath: ["tools", "allowed"],
    denyPath: ["tools", "exclude"],
    pattern: prefixCommandPattern,
  },
};

/** `Bash(git push:*)` → tool `Bash`, spec `git push:*`; `Read` → tool `Read`, no spec. */
function parseEntry(entry: string): { tool: string; spec: string | undefined } {
  const match = /^\s*([^()\s]+)\s*(?:\(([\s\S]*)\))?\s*$/.exec(entry);
  return match ? { tool: match[1], spec: match[2] } : { tool: entry.trim(), spec: undefined };
}

export function scanSettings(files: readonly SourceFile[]): SourceResult {
  return scanJsonFiles(files, settingsRule, scanOne);
}

function scanOne(file: SourceFile, rule: SettingsFileRule, doc: JsonDocument, result: SourceResult): void {
  const layout = LAYOUTS[rule.format];
  const ev = (line: number, detail: string): Evidence => ({ connector: CONNECTOR, file: file.path, line, detail });
  const evidence: Evidence[] = [];

  const modeNode = nodeAt(doc.root, layout.modePath);
  const modeValue = modeNode?.type === "string" ? (modeNode.value as string) : undefined;
  const modeLine = modeNode ? lineOf(doc, modeNode) : 1;
  let mode = PERMISSION_MODES.find((row) => row.format === rule.format && row.mode === (modeValue ?? DEFAULT_MODES[rule.format]));
  if (modeValue !== undefined && !mode) {
    result.unknown.push({ kind: "permission-mode", value: modeValue, file: file.path, line: modeLine, detail: `${layout.modePath.join(".")} is not a mode the rules know` });
    mode = PERMISSION_MODES.find((row) => row.format === rule.format && row.mode === DEFAULT_MODES[rule.format]);
  }
  const modeRow = mode!;
  evidence.push(
    ev(
      modeLine,
      `${modeValue === undefined ? `no ${layout.modePath.join(".")}, so "${modeRow.mode}"` : `${layout.modePath.join(".")}: ${modeValue}`} (${modeRow.reason}): ${autonomyDetail(modeRow.autonomyRule)}`,
    ),
  );

  const shellTool = SHELL_TOOLS[rule.format];
  const denied = stringItems(nodeAt(doc.root, layout.denyPath))
    .map((item) => parseEntry(item.value))
    .filter((entry) => entry.tool === shellTool)
    .map((entry) => layout.pattern(entry.spec));

  const capabilities: string[] = [];
  for (const item of stringItems(nodeAt(doc.root, layout.allowPath))) {
    const line = lineOf(doc, item.node as Node);
    const entry = parseEntry(item.value);
    if (entry.tool !== shellTool) {
      const known = LOCAL_TOOLS.some((t) => t.format === rule.format && (t.tool.endsWith("*") ? entry.tool.startsWith(t.tool.slice(0, -1)) : t.tool === entry.tool));
      if (!known) result.unknown.push({ kind: "permission", value: item.value, file: file.path, line, detail: `${rule.product}: no rule says what this tool reaches` });
      continue;
    }
    const reach = commandReach(layout.pattern(entry.spec));
    const granted = reach.rules.filter((commandRule) => !denied.some((deny) => deniesRule(deny, commandRule)));
    if (granted.length === 0) {
      if (reach.rules.length === 0 && !reach.local) {
        result.unknown.push({ kind: "command", value: item.value, file: file.path, line, detail: `${rule.product} runs it without asking; no rule says what it reaches` });
      }
      continue;
    }
    const caps = sortCapabilities(granted.flatMap((commandRule) => commandRule.capabilities));
    capabilities.push(...caps);
    const why = entry.spec === undefined || entry.spec.trim() === "" || entry.spec.trim() === "*" ? "every shell command, so every command rule" : granted.map((g) => `${g.command}: ${g.reason}`).join("; ");
    evidence.push(ev(line, `${layout.allowPath.join(".")} ${item.value} (${why}): ${caps.join(", ")}`));
  }

  result.accesses.push({
    connector: CONNECTOR,
    product: rule.product,
    refs: [rule.product],
    environmentKeys: [],
    file: file.path,
    line: modeLine,
    autonomy: autonomyRule(modeRow.autonomyRule).autonomy,
    capabilities: sortCapabilities(capabilities),
    evidence,
  });
}
