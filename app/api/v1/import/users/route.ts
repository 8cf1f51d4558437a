// POST /api/v1/import/users — import people from CSV (text/csv) or JSON (an array of people, or a
// document with a users array); ?mode=upsert|create&dryRun=true&format=csv|json. All or nothing.
import { appRoute } from "@/lib/api/app-route";
import { importPeople } from "@/lib/api/operations/import";
import { importPeople as run } from "@/lib/data/people-import";
import { detectFormat } from "@/lib/validation/import.validation";

export const POST = appRoute(importPeople, ({ actor, query, body, header }) => run(actor, body, { ...query, format: query.format ?? detectFormat(body, header("content-type")) }));
