// GET  /api/v1/changes — the AI-origin ledger; ?aiOrigin=&environment=&tool=&violating=1&page=&pageSize=
// POST /api/v1/changes — record one deployment, or a batch (array, up to 1,000) all or nothing;
//                        idempotent on externalId (same payload → 200, different payload → 409).
// Served by the Pages Router for its lighter per-request cost under CI/CD load (lib/api/node-route.ts).
import { bind, nodeRoute } from "@/lib/api/node-route";
import { Reply } from "@/lib/api/operation";
import { ingestChanges, listChanges } from "@/lib/api/operations/changes";
import { ingestChanges as ingest } from "@/lib/data/change-ingestion";
import { listChanges as list } from "@/lib/data/changes";

// The body is read by the route itself (with its own size limit), not by Next's parser.
export const config = { api: { bodyParser: false } };

export default nodeRoute(
  bind(listChanges, ({ actor, query }) => list(actor, query)),
  bind(ingestChanges, async ({ actor, body }) => {
    const batch = Array.isArray(body);
    const result = await ingest(actor, batch ? body : [body], { batch });
    return new Reply(batch ? result : result.changes[0], result.created > 0 ? 201 : 200);
  }),
);
