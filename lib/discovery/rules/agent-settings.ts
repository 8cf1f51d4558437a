// Rules for agent settings files: which files, what their permission mode amounts to, and which
// allow-list entries reach nothing in the catalog. Shell commands in allow-lists are judged by
// COMMAND_RULES (commands.ts).
import type { AutonomyRuleId } from "./autonomy";

export type SettingsFormat = "claude-code" | "gemini-cli";

export interface SettingsFileRule {
  /** Glob over the file's path (see glob.ts). */
  path: string;
  format: SettingsFormat;
  product: string;
  reason: string;
  doc: string;
}

const CLAUDE_SETTINGS_DOC = "https://code.claude.com/docs/en/settings";
const GEMINI_SETTINGS_DOC = "https://geminicli.com/docs/reference/configuration/";

export const SETTINGS_FILES = [
  { path: "**/.claude/settings.json", format: "claude-code", product: "claude-code", reason: "project (or user) settings, shared through git", doc: CLAUDE_SETTINGS_DOC },
  { path: "**/.claude/settings.local.json", format: "claude-code", product: "claude-code", reason: "a person's own project settings", doc: CLAUDE_SETTINGS_DOC },
  { path: "**/managed-settings.json", format: "claude-code", product: "claude-code", reason: "enterprise managed settings, which override every other file", doc: CLAUDE_SETTINGS_DOC },
  { path: "**/.gemini/settings.json", format: "gemini-cli", product: "gemini-cli", reason: "Gemini CLI project (or user) settings", doc: GEMINI_SETTINGS_DOC },
  { path: "**/gemini-cli/settings.json", format: "gemini-cli", product: "gemini-cli", reason: "Gemini CLI system settings (/etc/gemini-cli), which override the others", doc: GEMINI_SETTINGS_DOC },
  { path: "**/gemini-cli/system-defaults.json", format: "gemini-cli", product: "gemini-cli", reason: "Gemini CLI system defaults", doc: GEMINI_SETTINGS_DOC },
] as const satisfies readonly SettingsFileRule[];

export interface PermissionModeRule {
  format: SettingsFormat;
  mode: string;
  autonomyRule: AutonomyRuleId;
  reason: string;
  doc: string;
}

const CLAUDE_MODES_DOC = "https://code.claude.com/docs/en/permission-modes";

/** `permissions.defaultMode` (Claude Code), `general.defaultApprovalMode` (Gemini CLI). */
export const PERMISSION_MODES = [
  { format: "claude-code", mode: "default", autonomyRule: "mode-asks", reason: "asks before each edit and command not allow-listed", doc: CLAUDE_MODES_DOC },
  { format: "claude-code", mode: "plan", autonomyRule: "mode-read-only", reason: "plan mode reads and proposes; it edits nothing and runs no command", doc: CLAUDE_MODES_DOC },
  { format: "claude-code", mode: "acceptEdits", autonomyRule: "mode-asks", reason: "accepts file edits, still asks before commands not allow-listed", doc: CLAUDE_MODES_DOC },
  { format: "claude-code", mode: "dontAsk", autonomyRule: "mode-asks", reason: "runs only allow-listed tools and denies the rest without asking", doc: CLAUDE_MODES_DOC },
  { format: "claude-code", mode: "auto", autonomyRule: "mode-bypass", reason: "runs every tool call without asking, a classifier standing in for the person", doc: CLAUDE_MODES_DOC },
  { format: "claude-code", mode: "bypassPermissions", autonomyRule: "mode-bypass", reason: "skips every permission prompt", doc: CLAUDE_MODES_DOC },
  { format: "gemini-cli", mode: "default", autonomyRule: "mode-asks", reason: "asks before each tool call not allow-listed", doc: GEMINI_SETTINGS_DOC },
  { format: "gemini-cli", mode: "auto_edit", autonomyRule: "mode-asks", reason: "approves edit tools, still asks before shell commands not allow-listed", doc: GEMINI_SETTINGS_DOC },
  { format: "gemini-cli", mode: "plan", autonomyRule: "mode-read-only", reason: "plan mode is read-only", doc: GEMINI_SETTINGS_DOC },
] as const satisfies readonly PermissionModeRule[];

/** The mode a file without one starts in. (Gemini CLI's YOLO cannot be set in a file, only by flag.) */
export const DEFAULT_MODES: Record<SettingsFormat, string> = { "claude-code": "default", "gemini-cli": "default" };

export interface SettingsToolRule {
  format: SettingsFormat;
  tool: string;
  reason: string;
}

/**
 * Non-shell tools in allow-lists, reviewed as reaching nothing in the catalog by themselves: they
 * act on the local checkout or the web. MCP tools are judged from the MCP config that defines them.
 */
export const LOCAL_TOOLS = [
  ...["Read", "Edit", "Write", "MultiEdit", "Glob", "Grep", "LS", "NotebookRead", "NotebookEdit", "TodoWrite", "Task", "WebFetch", "WebSearch"].map(
    (tool) => ({ format: "claude-code" as const, tool, reason: "works on the local checkout or the public web" }),
  ),
  { format: "claude-code", tool: "mcp__*", reason: "an MCP server's reach is read from the MCP config that starts it" },
  ...["read_file", "read_many_files", "write_file", "replace", "glob", "list_directory", "search_file_content", "web_fetch", "google_web_search", "save_memory", "write_todos"].map(
    (tool) => ({ format: "gemini-cli" as const, tool, reason: "works on the local checkout or the public web" }),
  ),
] as const satisfies readonly SettingsToolRule[];

/** The tool whose argument is a shell command, per format. */
export const SHELL_TOOLS: Record<SettingsFormat, string> = { "claude-code": "Bash", "gemini-cli": "run_shell_command" };
