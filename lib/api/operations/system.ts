import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";

export const health = defineOperation({
  method: "GET",
  path: "/api/v1/health",
  tag: "System",
  summary: "Liveness and database reachability (503 with the same body when the database is unreachable)",
  permission: null,
  response: z.object({ status: z.enum(["ok", "error"]), database: z.enum(["ok", "unreachable"]) }),
});

export const openApiDocumentOperation = defineOperation({
  method: "GET",
  path: "/api/v1/openapi.json",
  tag: "System",
  summary: "This document",
  permission: null,
  response: z.looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
});
