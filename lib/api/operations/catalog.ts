import { defineOperation } from "@/lib/api/operation";
import { capabilityPageSchema, capabilitySchema, environmentPageSchema, environmentSchema, teamPageSchema, teamSchema } from "@/lib/dto/catalog";
import { capabilityCreateSchema, capabilityListQuerySchema, environmentCreateSchema, environmentListQuerySchema, teamCreateSchema, teamListQuerySchema } from "@/lib/validation/catalog.validation";

export const listTeams = defineOperation({ method: "GET", path: "/api/v1/teams", tag: "Catalog", summary: "List teams by name", permission: "register:read", query: teamListQuerySchema, response: teamPageSchema });

export const createTeam = defineOperation({ method: "POST", path: "/api/v1/teams", tag: "Catalog", summary: "Create a team (409 when the name is taken, in any letter case)", permission: "catalog:write", body: teamCreateSchema, status: 201, response: teamSchema, errors: ["CONFLICT"] });

export const listEnvironments = defineOperation({ method: "GET", path: "/api/v1/environments", tag: "Catalog", summary: "List environments by tier, then name", permission: "register:read", query: environmentListQuerySchema, response: environmentPageSchema });

export const createEnvironment = defineOperation({ method: "POST", path: "/api/v1/environments", tag: "Catalog", summary: "Create an environment (409 when the name is taken, in any letter case)", permission: "catalog:write", body: environmentCreateSchema, status: 201, response: environmentSchema, errors: ["CONFLICT"] });

export const listCapabilities = defineOperation({ method: "GET", path: "/api/v1/capabilities", tag: "Catalog", summary: "List the capability catalog by class, then key", permission: "register:read", query: capabilityListQuerySchema, response: capabilityPageSchema });

export const createCapability = defineOperation({ method: "POST", path: "/api/v1/capabilities", tag: "Catalog", summary: "Add a capability (409 when the key is taken)", permission: "catalog:write", body: capabilityCreateSchema, status: 201, response: capabilitySchema, errors: ["CONFLICT"] });
