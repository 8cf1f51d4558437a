// GET /api/v1/tools/{slug} — one tool with its grants, observations and incidents.
import { apiRoute } from "@/lib/api/handler";
import { getTool } from "@/lib/data/tools";
import { toolDto } from "@/lib/data/tool-dto";

export const GET = apiRoute<{ slug: string }>("register:read", async ({ params, actor }) => toolDto(await getTool(actor, params.slug)));
