// GET /api/v1/teams — teams by name, paged (?q=&page=&pageSize=)
// POST /api/v1/teams — add a team {name, description}; 409 when the name is taken
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createTeam, listTeams } from "@/lib/data/catalog";
import { teamCreateSchema, teamListQuerySchema } from "@/lib/validation/catalog.validation";

export const GET = apiRoute("register:read", ({ request, actor }) => listTeams(actor, teamListQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams))));

export const POST = apiRoute("catalog:write", async ({ request, actor }) =>
  NextResponse.json(await createTeam(actor, teamCreateSchema.parse(await readJson(request))), { status: 201 }),
);
