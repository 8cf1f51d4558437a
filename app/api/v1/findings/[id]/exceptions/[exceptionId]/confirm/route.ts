// POST /api/v1/findings/{id}/exceptions/{exceptionId}/confirm — a second, senior reviewer confirms.
import { appRoute } from "@/lib/api/app-route";
import { confirmException } from "@/lib/api/operations/exceptions";
import { confirmException as confirm } from "@/lib/data/exceptions";

export const POST = appRoute(confirmException, ({ actor, params }) => confirm(actor, params.id, params.exceptionId));
