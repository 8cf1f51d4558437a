import { defineOperation } from "@/lib/api/operation";
import { exceptionListSchema, exceptionSchema } from "@/lib/dto/exceptions";
import { exceptionCreateSchema, exceptionListQuerySchema } from "@/lib/validation/exceptions.validation";

export const listExceptions = defineOperation({
  method: "GET",
  path: "/api/v1/exceptions",
  tag: "Exceptions",
  summary: "Every risk acceptance, newest first, each with where it stands now",
  permission: "register:read",
  query: exceptionListQuerySchema,
  response: exceptionListSchema,
});

export const listFindingExceptions = defineOperation({
  method: "GET",
  path: "/api/v1/findings/{id}/exceptions",
  tag: "Exceptions",
  summary: "The risk acceptances of one finding, newest first",
  permission: "register:read",
  response: exceptionListSchema,
});

export const proposeException = defineOperation({
  method: "POST",
  path: "/api/v1/findings/{id}/exceptions",
  tag: "Exceptions",
  summary: "Accept an open finding until a date, with a reason and an owner (a CRITICAL one awaits a senior reviewer's confirmation)",
  permission: "finding:accept",
  body: exceptionCreateSchema,
  status: 201,
  response: exceptionSchema,
  errors: ["UNPROCESSABLE", "CONFLICT"],
});

export const confirmException = defineOperation({
  method: "POST",
  path: "/api/v1/findings/{id}/exceptions/{exceptionId}/confirm",
  tag: "Exceptions",
  summary: "A second, senior reviewer confirms a CRITICAL finding's acceptance (never its proposer)",
  permission: "finding:accept",
  response: exceptionSchema,
  errors: ["SELF_APPROVAL", "SENIOR_REQUIRED", "CONFLICT"],
});
