// The scan's human-readable form: one block per observation with the statements behind it, then
// what could not be mapped and what could not be read.
import type { ScanResult } from "./types";

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join("  ").trimEnd());
}

export function formatReport(result: ScanResult, filesRead: number): string {
  const lines: string[] = [];
  if (result.observations.length > 0) {
    lines.push(...table([["TOOL", "ENVIRONMENT", "AUTONOMY", "CAPABILITIES"], ...result.observations.map((o) => [o.tool, o.environment, o.autonomy, o.capabilities.join(", ") || "-"])]));
    for (const observation of result.observations) {
      lines.push("", `${observation.tool} in ${observation.environment} (${observation.autonomy}):`);
      for (const e of observation.evidence) lines.push(`  ${e.file}:${e.line}  ${e.detail}`);
    }
  } else {
    lines.push("No AI tool access found.");
  }
  if (result.unknown.length > 0) {
    lines.push("", `Unknown (${result.unknown.length}) — found, but no rule or config entry maps it:`);
    for (const u of result.unknown) lines.push(`  ${u.file}:${u.line}  ${u.kind} ${u.value}${u.detail ? ` — ${u.detail}` : ""}`);
  }
  if (result.errors.length > 0) {
    lines.push("", `Errors (${result.errors.length}) — files that could not be read:`);
    for (const e of result.errors) lines.push(`  ${e.file}:${e.line}  ${e.message}`);
  }
  lines.push(
    "",
    `${filesRead} file${filesRead === 1 ? "" : "s"} read: ${result.observations.length} observation${result.observations.length === 1 ? "" : "s"}, ${result.unknown.length} unknown, ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}.`,
  );
  return lines.join("\n");
}
