import { defineOperation } from "@/lib/api/operation";
import { observationsReplacedSchema, toolDetailSchema, toolPageSchema } from "@/lib/dto/tools";
import { toolCreateSchema, toolUpdateSchema } from "@/lib/validation/catalog.validation";
import { observationReplaceSchema } from "@/lib/validation/observations.validation";
import { toolListQuerySchema } from "@/lib/validation/tools.validation";

export const listTools = defineOperation({ method: "GET", path: "/api/v1/tools", tag: "Tools", summary: "The register: filter, search, sort, paginate", permission: "register:read", query: toolListQuerySchema, response: toolPageSchema });

export const createTool = defineOperation({ method: "POST", path: "/api/v1/tools", tag: "Tools", summary: "Register a tool (201 with its Location; 409 when the slug is taken, 422 for an unknown owner team)", permission: "tool:write", body: toolCreateSchema, status: 201, response: toolDetailSchema, errors: ["CONFLICT", "UNPROCESSABLE"] });

export const getTool = defineOperation({ method: "GET", path: "/api/v1/tools/{slug}", tag: "Tools", summary: "One tool with its grants, observations and incidents", permission: "register:read", response: toolDetailSchema });

export const updateTool = defineOperation({ method: "PATCH", path: "/api/v1/tools/{slug}", tag: "Tools", summary: "Change a tool's fields; the slug stays (422 for an unknown owner team)", permission: "tool:write", body: toolUpdateSchema, response: toolDetailSchema, errors: ["UNPROCESSABLE"] });

export const replaceObservations = defineOperation({ method: "PUT", path: "/api/v1/tools/{slug}/observations", tag: "Tools", summary: "Replace what is declared or synced of a tool (inventory sync); discovered rows stay; all or nothing (422 naming each unknown environment or capability)", permission: "observation:write", body: observationReplaceSchema, response: observationsReplacedSchema, errors: ["UNPROCESSABLE"] });
