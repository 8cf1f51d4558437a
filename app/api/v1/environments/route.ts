// GET /api/v1/environments — environments by tier then name, paged (?q=&tier=&page=&pageSize=)
// POST /api/v1/environments — add an environment {name, tier, dataSensitivity, criticalPath, description}; 409 when the name is taken
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createEnvironment, listEnvironments } from "@/lib/data/catalog";
import { environmentCreateSchema, environmentListQuerySchema } from "@/lib/validation/catalog.validation";

export const GET = apiRoute("register:read", ({ request, actor }) =>
  listEnvironments(actor, environmentListQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams))),
);

export const POST = apiRoute("catalog:write", async ({ request, actor }) =>
  NextResponse.json(await createEnvironment(actor, environmentCreateSchema.parse(await readJson(request))), { status: 201 }),
);
