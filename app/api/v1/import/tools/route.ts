// POST /api/v1/import/tools — import tools from CSV (text/csv) or JSON (an array of tools, or the
// document GET /api/v1/export returns); ?mode=upsert|create&dryRun=true&format=csv|json.
// All or nothing: 200 with the report when every row is accepted, else 422 with the report as
// error.details and nothing written.
import { apiRoute } from "@/lib/api/handler";
import { readBodyText } from "@/lib/api/read-json";
import { importTools } from "@/lib/data/import";
import { AppError } from "@/lib/errors/app-error";
import { unsafeTextIssue } from "@/lib/validation/safe-text";
import { detectFormat, importOptionsSchema } from "@/lib/validation/import.validation";

export const POST = apiRoute("tool:write", async ({ request, actor }) => {
  const options = importOptionsSchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  const content = await readBodyText(request);
  const issue = unsafeTextIssue(content);
  if (issue) throw new AppError("VALIDATION", `body: ${issue.message}`, [issue]);
  return importTools(actor, content, { ...options, format: options.format ?? detectFormat(content, request.headers.get("content-type")) });
});
