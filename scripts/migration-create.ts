// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema as the
// migrations left it to prisma/schema.prisma as it is now. Prisma's own `migrate dev` needs a native
// engine that cannot be downloaded here, so this drives the same diff through the WASM schema engine.
//
// "As the migrations left it" is prisma/schema.prisma at the last commit that touched
// prisma/migrations (a schema change is committed with its migration); `--from <git rev>` names
// another. Diffing two datamodels needs no database: the engine's replay of migrations into a shadow
// database cannot introspect Postgres through the driver adapter ("Column type 'char' could not be
// deserialized"). The engine still opens a connection, to DATABASE_URL (default the local server),
// and writes nothing there. Review the SQL before committing.
// Usage: npm run db:migration -- <name> [--from <git rev>]
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { MIGRATIONS_DIR } from "../lib/db/migrations";

const [name, fromFlag, fromArg] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name) || (fromFlag !== undefined && (fromFlag !== "--from" || !fromArg))) {
  console.error("usage: npm run db:migration -- <snake_case_name> [--from <git rev>]");
  process.exit(1);
}
const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" });
const fromRev = fromArg ?? git("log", "-1", "--format=%H", "--", "prisma/migrations").trim();
const schemaPath = path.resolve("prisma/schema.prisma");
const before = git("show", `${fromRev}:prisma/schema.prisma`);
const now = readFileSync(schemaPath, "utf8");

// The package's entry imports the .wasm as an ES module, which Node 20 cannot; instantiate it by hand.
const packageEntry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm");
const wasmPath = path.join(path.dirname(packageEntry), "schema_engine_bg.wasm");
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
  "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
});
bindings.__wbg_set_wasm(instance.exports);
(instance.exports.__wbindgen_start as () => void)();

const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const engine = await bindings.SchemaEngine.new({ datamodels: [[schemaPath, now]] }, () => {}, bindMigrationAwareSqlAdapterFactory(new PrismaPg(url)));
const result = await engine.diff({
  from: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: before }] },
  to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: now }] },
  script: true,
  exitCode: true,
  filters: { externalTables: [], externalEnums: [] },
});
if (result.exitCode !== 2 || !result.stdout) {
  console.log(`prisma/schema.prisma has not changed since ${fromRev.slice(0, 12)}: nothing to write.`);
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), result.stdout);
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql (from the schema at ${fromRev.slice(0, 12)}) — review it before committing.`);
