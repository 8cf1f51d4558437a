// GET /api/v1/openapi.json — the API reference, generated from the handlers' zod schemas.
import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

export function GET() {
  return NextResponse.json(openApiDocument());
}
