// A test file's own database, migrated and seeded with the demo register, for tests that write
// enough to disturb the shared one.
import { afterAll, beforeAll } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { toActor, type Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seed } from "@/prisma/seed-data";
import { createTestDatabase } from "./database";
import { tokenFor } from "./route-client";

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

// The file's own seeded database for all of its tests: opened before the first (then `setup` runs,
// to fetch actors and tokens or write fixtures) and closed after the last. Read the handle's fields
// in tests and hooks, once it is open.
export function withSeededDatabase(prefix: string, setup?: (seeded: SeededDatabase) => Promise<void>): Omit<SeededDatabase, "close"> {
  let seeded: SeededDatabase | undefined;
  beforeAll(async () => {
    seeded = await openSeededDatabase(prefix);
    await setup?.(seeded);
  });
  afterAll(() => seeded?.close());
  const open = () => {
    if (!seeded) throw new Error(`the ${prefix} database is not open yet`);
    return seeded;
  };
  return {
    get url() {
      return open().url;
    },
    get db() {
      return open().db;
    },
  };
}

// A user as the data functions see an actor, read from the database.
export async function actorFor(db: PrismaClient, email: string): Promise<Actor> {
  return toActor(await db.user.findUniqueOrThrow({ where: { email } }));
}

// Seeded users by the name before "@example.com" (["lead", "viewer"] → lead@example.com, …).
const seededEmail = (name: string) => `${name}@example.com`;

export async function actorsFor<Name extends string>(db: PrismaClient, names: readonly Name[]): Promise<Record<Name, Actor>> {
  const actors = {} as Record<Name, Actor>;
  for (const name of names) actors[name] = await actorFor(db, seededEmail(name));
  return actors;
}

export async function tokensFor<Name extends string>(db: PrismaClient, names: readonly Name[]): Promise<Record<Name, string>> {
  const tokens = {} as Record<Name, string>;
  for (const name of names) tokens[name] = await tokenFor(db, seededEmail(name));
  return tokens;
}
