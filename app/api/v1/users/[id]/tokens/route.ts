// POST /api/v1/users/{id}/tokens — issue an API token (admin) {name?}; the token is shown once, stored hashed.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createApiToken } from "@/lib/data/users";
import { tokenCreateSchema } from "@/lib/validation/users.validation";

export const POST = apiRoute<{ id: string }>("user:admin", async ({ request, params, actor }) => {
  // The body is optional: without one the token is named "api".
  const body = request.headers.get("content-length") === "0" || !request.body ? {} : await readJson(request);
  const { name } = tokenCreateSchema.parse(body);
  return NextResponse.json(await createApiToken(actor, params.id, name), { status: 201 });
});
