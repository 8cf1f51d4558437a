import { defineOperation, UNDESCRIBED } from "@/lib/api/operation";
import { toolCreateSchema, toolUpdateSchema } from "@/lib/validation/catalog.validation";
import { observationReplaceSchema } from "@/lib/validation/observations.validation";
import { toolListQuerySchema } from "@/lib/validation/tools.validation";

export const listTools = defineOperation({ method: "GET", path: "/api/v1/tools", tag: "Tools", summary: "The register: filter, search, sort, paginate", permission: "register:read", query: toolListQuerySchema, response: UNDESCRIBED });

export const createTool = defineOperation({ method: "POST", path: "/api/v1/tools", tag: "Tools", summary: "Register a tool", permission: "tool:write", body: toolCreateSchema, status: 201, response: UNDESCRIBED });

export const getTool = defineOperation({ method: "GET", path: "/api/v1/tools/{slug}", tag: "Tools", summary: "One tool with its grants, observations and incidents", permission: "register:read", response: UNDESCRIBED });

export const updateTool = defineOperation({ method: "PATCH", path: "/api/v1/tools/{slug}", tag: "Tools", summary: "Change a tool's fields", permission: "tool:write", body: toolUpdateSchema, response: UNDESCRIBED });

export const replaceObservations = defineOperation({ method: "PUT", path: "/api/v1/tools/{slug}/observations", tag: "Tools", summary: "Replace what is observed of a tool (inventory sync); all or nothing", permission: "observation:write", body: observationReplaceSchema, response: UNDESCRIBED });
