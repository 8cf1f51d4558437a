import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

// POST /api/v1/users. Emails are stored lower-case, as sign-in looks them up.
export const userCreateSchema = z.object({
  email: z.email("email must be a valid email address").max(320).transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1, "name is required").max(200),
  role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` }),
  senior: z.boolean({ error: "senior must be true or false" }).default(false),
  password: z.string().min(12, "password must be at least 12 characters").max(200).optional(),
});

export type UserCreateInput = z.infer<typeof userCreateSchema>;

// POST /api/v1/users/{id}/tokens: the body is optional; the name says what the token is for.
export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1).max(100).default("api"),
});

// PATCH /api/v1/users/{id}: what an admin changes about a person; the email is their identity.
export const userUpdateSchema = z
  .object({
    name: z.string().trim().min(1, "name is required").max(200).optional(),
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` }).optional(),
    senior: z.boolean({ error: "senior must be true or false" }).optional(),
    active: z.boolean({ error: "active must be true or false" }).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Name at least one of name, role, senior, active.");

export type UserUpdateInput = z.infer<typeof userUpdateSchema>;
