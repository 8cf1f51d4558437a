// GET /api/v1/search?q=&limit= — the register's hits for a text, grouped by kind, as the palette shows them.
import { appRoute } from "@/lib/api/app-route";
import { search } from "@/lib/api/operations/search";
import { searchRegister } from "@/lib/data/search";

export const GET = appRoute(search, ({ actor, query }) => searchRegister(actor, query));
