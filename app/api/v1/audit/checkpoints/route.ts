// POST /api/v1/audit/checkpoints — sign the audit chain's head now: 201 with the new checkpoint, or
// 200 with the newest one when the head has not moved; 409 without a key or when the log does not verify.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { takeCheckpoint } from "@/lib/data/audit-chain";

export const POST = apiRoute("audit:checkpoint", async ({ actor }) => {
  const result = await takeCheckpoint(actor);
  return NextResponse.json(result, { status: result.written ? 201 : 200 });
});
