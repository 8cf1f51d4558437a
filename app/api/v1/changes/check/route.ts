// POST /api/v1/changes/check — the pre-deploy check: the ledger's rules, before the deployment, storing nothing.
import { appRoute } from "@/lib/api/app-route";
import { checkChange } from "@/lib/api/operations/changes";
import { checkChange as check } from "@/lib/data/change-ingestion";

export const POST = appRoute(checkChange, ({ actor, body }) => check(actor, body));
