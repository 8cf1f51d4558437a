// GET /api/v1/health — liveness and database reachability, for load balancers and uptime checks.
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db/client";

export async function GET() {
  try {
    await prisma().$queryRaw`SELECT 1`;
    return NextResponse.json({ status: "ok", database: "ok" });
  } catch (error) {
    return NextResponse.json({ status: "error", database: "unreachable", reason: (error as Error).message }, { status: 503 });
  }
}
