// GET /api/v1/health — liveness and database reachability, for load balancers and uptime checks.
// Anyone may call it, so a failure says only that the database is unreachable: the host, port and
// driver message go to the server log, not to the caller.
import { appRoute } from "@/lib/api/app-route";
import { Reply } from "@/lib/api/operation";
import { health } from "@/lib/api/operations/system";
import { prisma } from "@/lib/db/client";

const RETRY_AFTER_SECONDS = "5";

export const GET = appRoute(health, async () => {
  try {
    await prisma().$queryRaw`SELECT 1`;
    return { status: "ok", database: "ok" } as const;
  } catch (error) {
    console.error("Health check: database unreachable:", (error as Error).message);
    return new Reply({ status: "error", database: "unreachable" }, 503, { "retry-after": RETRY_AFTER_SECONDS });
  }
});
