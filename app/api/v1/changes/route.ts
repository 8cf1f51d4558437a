// GET  /api/v1/changes — the AI-origin ledger; ?aiOrigin=&environment=&tool=&violating=1&page=&pageSize=
// POST /api/v1/changes — record one deployment, or a batch (array, up to 1,000) all or nothing;
//                        idempotent on externalId (same payload → 200, different payload → 409).
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { ingestChanges } from "@/lib/data/change-ingestion";
import { listChanges } from "@/lib/data/changes";
import { changeBatchSchema, changeListQuerySchema } from "@/lib/validation/changes.validation";

export const GET = apiRoute("register:read", ({ request, actor }) => listChanges(actor, changeListQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams))));

export const POST = apiRoute("change:ingest", async ({ request, actor }) => {
  const body = changeBatchSchema.parse(await readJson(request));
  const batch = Array.isArray(body);
  const result = await ingestChanges(actor, batch ? body : [body], { batch });
  const status = result.created > 0 ? 201 : 200;
  return NextResponse.json(batch ? result : result.changes[0], { status });
});
