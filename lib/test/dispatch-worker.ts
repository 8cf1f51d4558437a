// One dispatcher as its own process, for the tests that need two processes or a killed one: it
// delivers the outbox of DATABASE_URL until it is stopped, and says "ready" once it has started.
import { createPrismaClient } from "@/lib/db/client";
import { dispatchDue } from "@/lib/data/webhook-dispatcher";

const db = createPrismaClient();
let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});
console.log("ready");
while (!stopping) {
  await dispatchDue({ db, clock: () => new Date() });
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await db.$disconnect();
