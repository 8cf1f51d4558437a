// GET /api/v1/teams — teams by name, paged (?q=&page=&pageSize=); POST /api/v1/teams — add a team.
import { appRoute } from "@/lib/api/app-route";
import { createTeam, listTeams } from "@/lib/api/operations/catalog";
import * as catalog from "@/lib/data/catalog";

export const GET = appRoute(listTeams, ({ actor, query }) => catalog.listTeams(actor, query));

export const POST = appRoute(createTeam, ({ actor, body }) => catalog.createTeam(actor, body));
