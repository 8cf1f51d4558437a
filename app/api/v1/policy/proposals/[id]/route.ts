// GET /api/v1/policy/proposals/{id} — one proposed policy change: its differences, status and decision.
import { appRoute } from "@/lib/api/app-route";
import { getPolicyProposal } from "@/lib/api/operations/policy";
import * as policy from "@/lib/data/policy";

export const GET = appRoute(getPolicyProposal, ({ actor, params }) => policy.getPolicyProposal(actor, params.id));
