import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function isEmbeddedDatabase(): boolean {
  return process.env.EMBEDDED_DATABASE === "1";
}

export function createPrismaClient(url = process.env.DATABASE_URL): PrismaClient {
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides one.");
  const embedded = isEmbeddedDatabase();
  const adapter = new PrismaPg({ connectionString: url, max: embedded ? 1 : Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // With one embedded connection, a transaction may have to wait for another to finish.
  return new PrismaClient({
    adapter,
    transactionOptions: embedded ? { maxWait: 60_000, timeout: 60_000 } : { maxWait: 10_000, timeout: 30_000 },
  });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

// One client per process (and across dev-server reloads), created on first use so imports stay cheap.
export function prisma(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient();
  return globalForPrisma.prisma;
}
