// A test file's own database, migrated and seeded with the demo register, for tests that write
// enough to disturb the shared one.
import { createPrismaClient } from "@/lib/db/client";
import { toActor, type Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seed } from "@/prisma/seed-data";
import { createTestDatabase } from "./database";

export interface SeededDatabase {
  url: string;
  db: PrismaClient;
  close(): Promise<void>;
}

const app = globalThis as { prisma?: PrismaClient };

// Until close(), the app's prisma() (so every data function and route handler) uses this database;
// close() puts back the database that was in use before.
export async function openSeededDatabase(prefix: string): Promise<SeededDatabase> {
  const database = await createTestDatabase(prefix);
  const db = createPrismaClient(database.url);
  await seed(db);
  const previous = { url: process.env.DATABASE_URL, prisma: app.prisma };
  process.env.DATABASE_URL = database.url;
  app.prisma = db;
  return {
    url: database.url,
    db,
    async close() {
      process.env.DATABASE_URL = previous.url;
      app.prisma = previous.prisma;
      await db.$disconnect();
      await database.drop();
    },
  };
}

// A user as the data functions see an actor, read from the database.
export async function actorFor(db: PrismaClient, email: string): Promise<Actor> {
  return toActor(await db.user.findUniqueOrThrow({ where: { email } }));
}
