// Offline check of an exported audit log, for an auditor: needs no database and no server.
// Usage: npx tsx scripts/verify-audit.ts audit.json --public-key audit-public-key.pem [--checkpoints earlier-audit.json …]
// Re-hashes the whole chain, verifies every checkpoint's signature with the given key and checks the
// log against each checkpoint. Prints warnings, then one line: VALID … (exit 0) or INVALID … (exit 1).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { auditExportSchema, verifyAuditExport } from "../lib/audit/export-verification";

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    console.log(`INVALID: cannot read ${file} as JSON (${(error as Error).message}).`);
    process.exit(1);
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "public-key": { type: "string" }, checkpoints: { type: "string", multiple: true } },
});
if (positionals.length !== 1) {
  console.log("Usage: npx tsx scripts/verify-audit.ts audit.json --public-key audit-public-key.pem [--checkpoints earlier-audit.json …]");
  process.exit(1);
}
const publicKey = values["public-key"] === undefined ? undefined : readFileSync(values["public-key"], "utf8");
// Checkpoints kept from earlier exports: a later file that lost events or checkpoints still has to match them.
const extra = (values.checkpoints ?? []).flatMap((file) => {
  const earlier = auditExportSchema.shape.checkpoints.safeParse((readJson(file) as { checkpoints?: unknown }).checkpoints);
  if (!earlier.success) {
    console.log(`INVALID: ${file} holds no checkpoints list.`);
    process.exit(1);
  }
  return earlier.data;
});
const result = verifyAuditExport(readJson(positionals[0]), publicKey, extra);
for (const warning of result.warnings) console.error(`warning: ${warning}`);
console.log(result.verdict);
process.exit(result.ok ? 0 : 1);
