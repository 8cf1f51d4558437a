// PUT /api/v1/tools/{slug}/observations — replace what is observed of a tool (inventory sync).
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { replaceObservations } from "@/lib/data/observations";
import { observationReplaceSchema } from "@/lib/validation/observations.validation";

export const PUT = apiRoute<{ slug: string }>("observation:write", async ({ request, params, actor }) => {
  const entries = observationReplaceSchema.parse(await readJson(request));
  return replaceObservations(actor, params.slug, entries);
});
