// GET /api/v1/tools — the register, with the same filters, sort and pages as the Register screen.
import { apiRoute } from "@/lib/api/handler";
import { listTools } from "@/lib/data/tools";
import { parseToolListQuery } from "@/lib/validation/tools.validation";

export const GET = apiRoute("register:read", ({ request, actor }) => listTools(actor, parseToolListQuery(request.nextUrl.searchParams)));
