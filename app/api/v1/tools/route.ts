// GET /api/v1/tools — the register, with the same filters, sort and pages as the Register screen.
// POST /api/v1/tools — register a tool {slug, name, vendor, kind, ownerTeam, status, modes, description}; 409 when the slug is taken
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createTool } from "@/lib/data/catalog";
import { toolDto } from "@/lib/data/tool-dto";
import { getTool, listTools } from "@/lib/data/tools";
import { toolCreateSchema } from "@/lib/validation/catalog.validation";
import { parseToolListQuery } from "@/lib/validation/tools.validation";

export const GET = apiRoute("register:read", ({ request, actor }) => listTools(actor, parseToolListQuery(request.nextUrl.searchParams)));

export const POST = apiRoute("tool:write", async ({ request, actor }) => {
  const created = await createTool(actor, toolCreateSchema.parse(await readJson(request)));
  return NextResponse.json(toolDto(await getTool(actor, created.slug)), { status: 201, headers: { location: `/api/v1/tools/${created.slug}` } });
});
