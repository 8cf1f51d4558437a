import { defineConfig } from "prisma/config";

// The embedded database gets its URL at run time (lib/db/database-url.ts); the CLI only needs one
// for commands that connect, which this project runs through scripts/migrate.ts instead.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
