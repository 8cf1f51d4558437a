// POST /api/v1/users — create a user (admin) {email, name, role, senior, password?}; 409 if the email exists.
import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { readJson } from "@/lib/api/read-json";
import { createUser } from "@/lib/data/users";
import { userCreateSchema } from "@/lib/validation/users.validation";

export const POST = apiRoute("user:admin", async ({ request, actor }) => {
  const user = await createUser(actor, userCreateSchema.parse(await readJson(request)));
  return NextResponse.json(user, { status: 201 });
});
