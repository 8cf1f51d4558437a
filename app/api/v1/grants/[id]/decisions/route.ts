// POST /api/v1/grants/{id}/decisions — a reviewer approves or denies {decision: APPROVE|DENY, comment}.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { decideGrant } from "@/lib/data/grants";
import { decisionSchema } from "@/lib/validation/grants.validation";

export const POST = apiRoute<{ id: string }>("grant:decide", async ({ request, params, actor }) => {
  const grant = await decideGrant(actor, params.id, decisionSchema.parse(await readJson(request)));
  return NextResponse.json(grant, { status: 201 });
});
