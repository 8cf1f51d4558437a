// GET /api/v1/capabilities — the permission catalog by class then key, paged (?q=&class=&page=&pageSize=)
// POST /api/v1/capabilities — add a capability {key, class, description}; 409 when the key is taken
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createCapability, listCapabilities } from "@/lib/data/catalog";
import { capabilityCreateSchema, capabilityListQuerySchema } from "@/lib/validation/catalog.validation";

export const GET = apiRoute("register:read", ({ request, actor }) =>
  listCapabilities(actor, capabilityListQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams))),
);

export const POST = apiRoute("catalog:write", async ({ request, actor }) =>
  NextResponse.json(await createCapability(actor, capabilityCreateSchema.parse(await readJson(request))), { status: 201 }),
);
