// GET  /api/v1/users — everyone with their API tokens (names and dates, never secrets); admin; paged.
// POST /api/v1/users — create a user (admin) {email, name, role, senior, password?}; 409 if the email exists.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createUser, listUsers } from "@/lib/data/users";
import { pageQuerySchema } from "@/lib/validation/paging";
import { userCreateSchema } from "@/lib/validation/users.validation";

export const GET = apiRoute("user:admin", ({ request, actor }) => listUsers(actor, pageQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams))));

export const POST = apiRoute("user:admin", async ({ request, actor }) => {
  const user = await createUser(actor, userCreateSchema.parse(await readJson(request)));
  return NextResponse.json(user, { status: 201 });
});
