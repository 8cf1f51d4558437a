// GET /api/v1/export — the whole register as one JSON document (teams, environments, capabilities,
// tools, grants with decisions, observations, incidents with tool links, mitigations, changes, risks);
// like the CSV exports, it holds one of the user's export slots while it is read (429 when none is free)
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { exportRegister } from "@/lib/data/export";

export const GET = apiRoute("register:read", async ({ actor }) => {
  const document = await exportRegister(actor);
  return NextResponse.json(document, {
    headers: { "content-disposition": `attachment; filename="register-${document.exportedAt.slice(0, 10)}.json"`, "cache-control": "no-store" },
  });
});
