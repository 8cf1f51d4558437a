// GET /api/v1/openapi.json — the API reference, generated from the operations the handlers execute.
import { appRoute } from "@/lib/api/app-route";
import { openApiDocument } from "@/lib/api/openapi";
import { openApiDocumentOperation } from "@/lib/api/operations/system";

export const GET = appRoute(openApiDocumentOperation, async () => openApiDocument());
