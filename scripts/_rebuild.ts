import { createPrismaClient } from "../lib/db/client";
import { rebuildFindings } from "../lib/data/finding-evaluator";
const db = createPrismaClient(process.env.DATABASE_URL);
const t = Date.now();
await rebuildFindings(db);
console.log("rebuild", Date.now() - t, "ms");
await db.$disconnect();
