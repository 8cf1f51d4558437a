// GET /api/v1/health — liveness and database reachability, for load balancers and uptime checks.
// Anyone may call it, so a failure says only that the database is unreachable: the host, port and
// driver message go to the server log, not to the caller.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db/client";

const RETRY_AFTER_SECONDS = "5";

export async function GET() {
  try {
    await prisma().$queryRaw`SELECT 1`;
    return NextResponse.json({ status: "ok", database: "ok" });
  } catch (error) {
    console.error("Health check: database unreachable:", (error as Error).message);
    return NextResponse.json({ status: "error", database: "unreachable" }, { status: 503, headers: { "retry-after": RETRY_AFTER_SECONDS } });
  }
}
