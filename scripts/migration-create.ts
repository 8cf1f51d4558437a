// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the committed
// migrations to prisma/schema.prisma. Prisma's own `migrate dev` needs a native engine that cannot be
// downloaded here, so this drives the same diff through the WASM schema engine. Review the SQL.
// Usage: npm run db:migration -- <name>   (needs a Postgres server: the diff replays the migrations
// into a throwaway shadow database there, created and dropped by this script)
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { listMigrations, MIGRATIONS_DIR } from "../lib/db/migrations";
import pg from "pg";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(1);
}
const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const schemaPath = path.resolve("prisma/schema.prisma");
const schema = { files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }] };

// The package's entry imports the .wasm as an ES module, which Node 20 cannot; instantiate it by hand.
const packageEntry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm");
const wasmPath = path.join(path.dirname(packageEntry), "schema_engine_bg.wasm");
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
  "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
});
bindings.__wbg_set_wasm(instance.exports);
(instance.exports.__wbindgen_start as () => void)();
const { SchemaEngine } = bindings;

// The engine's statement splitter cannot read $$-quoted bodies (functions, triggers). Such migrations
// hold nothing Prisma's schema models, so the replay leaves them out.
const migrations = listMigrations().filter((m) => !m.sql.includes("$$"));
// The migrations are replayed into a throwaway database of their own, never into a real one.
const shadowName = `grr_shadow_${Date.now()}`;
async function onServer(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(sql);
  await admin.end();
}
await onServer(`CREATE DATABASE "${shadowName}"`);
const shadowUrl = new URL(serverUrl);
shadowUrl.pathname = `/${shadowName}`;
const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema.files[0].content]] }, () => {}, bindMigrationAwareSqlAdapterFactory(new PrismaPg(shadowUrl.toString())));
let result: Awaited<ReturnType<typeof engine.diff>>;
try {
  result = await engine.diff({
    from:
      migrations.length === 0
        ? { tag: "empty" }
        : {
            tag: "migrations",
            baseDir: MIGRATIONS_DIR,
            lockfile: { path: "migration_lock.toml", content: readFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8") },
            shadowDbInitScript: "",
            migrationDirectories: migrations.map((m) => ({
              path: m.name,
              migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
            })),
          },
    to: { tag: "schemaDatamodel", ...schema },
    script: true,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  });
} finally {
  await onServer(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
}
if (result.exitCode !== 2 || !result.stdout) {
  console.log("The schema matches the migrations: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), result.stdout);
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it before committing.`);
