// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (what `prisma migrate deploy`
// would do, without Prisma's native engine).
import pg from "pg";
import { applyMigrations } from "../lib/db/migrations";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (`npm start` migrates the embedded database by itself.)");
  process.exit(1);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const applied = await applyMigrations(client);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Already up to date.");
} finally {
  await client.end();
}
