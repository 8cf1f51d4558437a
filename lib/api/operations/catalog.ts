import { defineOperation } from "@/lib/api/operation";
import { capabilityPageSchema, capabilitySchema, environmentPageSchema, environmentSchema, teamPageSchema, teamSchema } from "@/lib/dto/catalog";
import {
  capabilityCreateSchema,
  capabilityListQuerySchema,
  capabilityUpdateSchema,
  environmentCreateSchema,
  environmentListQuerySchema,
  environmentUpdateSchema,
  teamCreateSchema,
  teamListQuerySchema,
  teamUpdateSchema,
} from "@/lib/validation/catalog.validation";

export const listTeams = defineOperation({ method: "GET", path: "/api/v1/teams", tag: "Catalog", summary: "List teams by name", permission: "register:read", query: teamListQuerySchema, response: teamPageSchema });

export const createTeam = defineOperation({ method: "POST", path: "/api/v1/teams", tag: "Catalog", summary: "Create a team (409 when the name is taken, in any letter case)", permission: "catalog:write", body: teamCreateSchema, status: 201, response: teamSchema, errors: ["CONFLICT"] });

export const getTeam = defineOperation({ method: "GET", path: "/api/v1/teams/{name}", tag: "Catalog", summary: "One team by its name", permission: "register:read", response: teamSchema });

export const updateTeam = defineOperation({ method: "PATCH", path: "/api/v1/teams/{name}", tag: "Catalog", summary: "Change a team's description; the name stays (400 when it is sent)", permission: "catalog:write", body: teamUpdateSchema, response: teamSchema });

export const listEnvironments = defineOperation({ method: "GET", path: "/api/v1/environments", tag: "Catalog", summary: "List environments by tier, then name", permission: "register:read", query: environmentListQuerySchema, response: environmentPageSchema });

export const createEnvironment = defineOperation({ method: "POST", path: "/api/v1/environments", tag: "Catalog", summary: "Create an environment (409 when the name is taken, in any letter case)", permission: "catalog:write", body: environmentCreateSchema, status: 201, response: environmentSchema, errors: ["CONFLICT"] });

export const getEnvironment = defineOperation({ method: "GET", path: "/api/v1/environments/{name}", tag: "Catalog", summary: "One environment by its name", permission: "register:read", response: environmentSchema });

export const updateEnvironment = defineOperation({ method: "PATCH", path: "/api/v1/environments/{name}", tag: "Catalog", summary: "Change an environment's tier, data sensitivity, critical path or description; the name stays (400 when it is sent). Answers once the findings in the environment are judged again", permission: "catalog:write", body: environmentUpdateSchema, response: environmentSchema });

export const listCapabilities = defineOperation({ method: "GET", path: "/api/v1/capabilities", tag: "Catalog", summary: "List the capability catalog by class, then key", permission: "register:read", query: capabilityListQuerySchema, response: capabilityPageSchema });

export const createCapability = defineOperation({ method: "POST", path: "/api/v1/capabilities", tag: "Catalog", summary: "Add a capability (409 when the key is taken)", permission: "catalog:write", body: capabilityCreateSchema, status: 201, response: capabilitySchema, errors: ["CONFLICT"] });

export const getCapability = defineOperation({ method: "GET", path: "/api/v1/capabilities/{key}", tag: "Catalog", summary: "One capability by its key", permission: "register:read", response: capabilitySchema });

export const updateCapability = defineOperation({ method: "PATCH", path: "/api/v1/capabilities/{key}", tag: "Catalog", summary: "Change a capability's class or description; the key stays (400 when it is sent). Answers once the findings of the grants and observations that hold it are judged again", permission: "catalog:write", body: capabilityUpdateSchema, response: capabilitySchema });
