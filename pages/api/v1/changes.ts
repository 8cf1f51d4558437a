// GET  /api/v1/changes — the AI-origin ledger; ?aiOrigin=&environment=&tool=&violating=1&page=&pageSize=
// POST /api/v1/changes — record one deployment, or a batch (array, up to 1,000) all or nothing;
//                        idempotent on externalId (same payload → 200, different payload → 409).
// Served by the Pages Router for its lighter per-request cost under CI/CD load (lib/api/node-route.ts).
import { nodeApiRoute } from "@/lib/api/node-route";
import { ingestChanges } from "@/lib/data/change-ingestion";
import { listChanges } from "@/lib/data/changes";
import { changeListQuerySchema, parseChangeBatch } from "@/lib/validation/changes.validation";

// The body is read by the route itself (with its own size limit), not by Next's parser.
export const config = { api: { bodyParser: false } };

export default nodeApiRoute({
  GET: {
    permission: "register:read",
    handle: async ({ url, actor }) => ({ status: 200, body: await listChanges(actor, changeListQuerySchema.parse(Object.fromEntries(url.searchParams))) }),
  },
  POST: {
    permission: "change:ingest",
    handle: async ({ json, actor }) => {
      const body = parseChangeBatch(await json());
      const batch = Array.isArray(body);
      const result = await ingestChanges(actor, batch ? body : [body], { batch });
      return { status: result.created > 0 ? 201 : 200, body: batch ? result : result.changes[0] };
    },
  },
});
