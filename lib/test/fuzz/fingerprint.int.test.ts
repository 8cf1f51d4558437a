// The fuzz suite's row detector on a real, migrated database of its own: it must see any row written,
// changed or deleted, and ignore only when a token was last used.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test/database";
import { changedTables, DERIVED_TABLES, fingerprinterOn, type Fingerprinter } from "./fingerprint";

let database: TestDatabase;
let client: pg.Client;
let fingerprint: Fingerprinter;

beforeAll(async () => {
  database = await createTestDatabase("grr_fuzz_fingerprint", process.env.EMBEDDED_DATABASE === "1" ? undefined : process.env.DATABASE_URL);
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // The embedded database serves one connection: the fingerprint shares the test's.
  fingerprint = await fingerprinterOn(client);
  await client.query(`INSERT INTO "User"(id, email, name, role) VALUES ('u-1', 'fp@example.com', 'Fingerprint', 'ADMIN')`);
  await client.query(`INSERT INTO "ApiToken"(id, "userId", name, "tokenHash") VALUES ('t-1', 'u-1', 'fp', 'hash-1')`);
});

afterAll(async () => {
  await fingerprint?.close();
  await database?.drop();
});

describe("the database fingerprint", () => {
  it("covers every table of the schema but the evaluator's, which it names by their real names", () => {
    const models = (readFileSync(path.resolve("prisma/schema.prisma"), "utf8").match(/^model \w+/gm) ?? []).map((m) => m.slice("model ".length));
    expect([...DERIVED_TABLES].filter((table) => !models.includes(table))).toEqual([]);
    expect(fingerprint.describes).toMatch(new RegExp(`^${models.length - DERIVED_TABLES.size} tables`));
  });

  it("is stable while nothing changes, and ignores when a token was last used", async () => {
    const before = await fingerprint.take();
    await client.query(`UPDATE "ApiToken" SET "lastUsedAt" = now()`);
    expect(changedTables(before, await fingerprint.take())).toEqual([]);
  });

  it("names the table of a row inserted, updated or deleted, even when the count stays the same", async () => {
    let before = await fingerprint.take();
    await client.query(`INSERT INTO "Team"(id, name) VALUES ('team-fp', 'Fingerprint team')`);
    let after = await fingerprint.take();
    expect(changedTables(before, after)).toEqual(["Team"]);

    before = after;
    await client.query(`UPDATE "Team" SET description = 'changed' WHERE id = 'team-fp'`);
    after = await fingerprint.take();
    expect(changedTables(before, after)).toEqual(["Team"]);

    before = after;
    await client.query(`UPDATE "User" SET senior = true WHERE id = 'u-1'`);
    await client.query(`UPDATE "ApiToken" SET name = 'renamed' WHERE id = 't-1'`);
    after = await fingerprint.take();
    expect(changedTables(before, after)).toEqual(["ApiToken", "User"]);

    before = after;
    await client.query(`DELETE FROM "Team" WHERE id = 'team-fp'`);
    expect(changedTables(before, await fingerprint.take())).toEqual(["Team"]);
  });
});
