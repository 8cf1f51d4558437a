// POST /api/v1/import/tools — import tools from CSV (text/csv) or JSON (an array of tools, or the
// document GET /api/v1/export returns); ?mode=upsert|create&dryRun=true&format=csv|json.
// All or nothing: 200 with the report when every row is accepted, else 422 with the report as
// error.details and nothing written.
import { apiRoute } from "@/lib/api/handler";
import { importTools } from "@/lib/data/import";
import { AppError } from "@/lib/errors/app-error";
import { detectFormat, importOptionsSchema } from "@/lib/validation/import.validation";

const MAX_BODY_CHARS = 20_000_000;

export const POST = apiRoute("tool:write", async ({ request, actor }) => {
  const options = importOptionsSchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const content = await request.text();
  if (content.length > MAX_BODY_CHARS) throw new AppError("VALIDATION", `The body is larger than ${MAX_BODY_CHARS / 1_000_000} MB; import in several files.`);
  return importTools(actor, content, { ...options, format: options.format ?? detectFormat(content, request.headers.get("content-type")) });
});
