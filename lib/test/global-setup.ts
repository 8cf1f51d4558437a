import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/db/client";
import { seed } from "@/prisma/seed-data";
import { createTestDatabase } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    embeddedDatabase: boolean;
  }
}

// One fresh database per integration run, migrated and seeded with the demo register.
export default async function setup(project: TestProject) {
  const database = await createTestDatabase("grr_int");
  if (database.embedded) process.env.EMBEDDED_DATABASE = "1";
  const db = createPrismaClient(database.url);
  await seed(db);
  await db.$disconnect();
  project.provide("databaseUrl", database.url);
  project.provide("embeddedDatabase", database.embedded);
  return () => database.drop();
}
