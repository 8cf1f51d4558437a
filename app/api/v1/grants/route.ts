// GET /api/v1/grants — grants, newest first; ?status=&tool=&environment=&sort=&dir=&page=&pageSize=
// POST /api/v1/grants — request a grant {tool, environment, maxAutonomy, capabilities, justification, expiresAt}
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { listGrants, requestGrant } from "@/lib/data/grants";
import { grantListQuerySchema, grantRequestSchema } from "@/lib/validation/grants.validation";

export const GET = apiRoute("register:read", ({ request, actor }) => listGrants(actor, grantListQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams))));

export const POST = apiRoute("grant:request", async ({ request, actor }) => {
  const grant = await requestGrant(actor, grantRequestSchema.parse(await readJson(request)));
  return NextResponse.json(grant, { status: 201 });
});
