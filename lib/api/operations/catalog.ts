import { defineOperation, UNDESCRIBED } from "@/lib/api/operation";
import { capabilityCreateSchema, capabilityListQuerySchema, environmentCreateSchema, environmentListQuerySchema, teamCreateSchema, teamListQuerySchema } from "@/lib/validation/catalog.validation";

export const listTeams = defineOperation({ method: "GET", path: "/api/v1/teams", tag: "Catalog", summary: "List teams", permission: "register:read", query: teamListQuerySchema, response: UNDESCRIBED });

export const createTeam = defineOperation({ method: "POST", path: "/api/v1/teams", tag: "Catalog", summary: "Create a team", permission: "catalog:write", body: teamCreateSchema, status: 201, response: UNDESCRIBED });

export const listEnvironments = defineOperation({ method: "GET", path: "/api/v1/environments", tag: "Catalog", summary: "List environments", permission: "register:read", query: environmentListQuerySchema, response: UNDESCRIBED });

export const createEnvironment = defineOperation({ method: "POST", path: "/api/v1/environments", tag: "Catalog", summary: "Create an environment", permission: "catalog:write", body: environmentCreateSchema, status: 201, response: UNDESCRIBED });

export const listCapabilities = defineOperation({ method: "GET", path: "/api/v1/capabilities", tag: "Catalog", summary: "List the capability catalog", permission: "register:read", query: capabilityListQuerySchema, response: UNDESCRIBED });

export const createCapability = defineOperation({ method: "POST", path: "/api/v1/capabilities", tag: "Catalog", summary: "Add a capability", permission: "catalog:write", body: capabilityCreateSchema, status: 201, response: UNDESCRIBED });
