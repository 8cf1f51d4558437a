// The v1 API reference, generated from the same zod schemas the handlers validate with. Each route
// handler under app/api/v1 and pages/api/v1 has one entry here; lib/api/openapi.test.ts fails when one is missing.
import { z } from "zod";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { auditPageQuerySchema, auditQuerySchema } from "@/lib/validation/audit.validation";
import {
  capabilityCreateSchema,
  capabilityListQuerySchema,
  environmentCreateSchema,
  environmentListQuerySchema,
  pageQuerySchema,
  teamCreateSchema,
  teamListQuerySchema,
  toolCreateSchema,
  toolUpdateSchema,
} from "@/lib/validation/catalog.validation";
import { changeBatchSchema, changeListQuerySchema } from "@/lib/validation/changes.validation";
import { findingFilterSchema, findingPageQuerySchema } from "@/lib/validation/findings.validation";
import { decisionSchema, grantListQuerySchema, grantPageQuerySchema, grantRequestSchema, revokeSchema } from "@/lib/validation/grants.validation";
import { importOptionsSchema } from "@/lib/validation/import.validation";
import { incidentInputSchema, incidentListQuerySchema, incidentPatchSchema, incidentToolLinkSchema } from "@/lib/validation/incidents.validation";
import { observationReplaceSchema } from "@/lib/validation/observations.validation";
import { policyProposalDecisionSchema, policyUpdateSchema } from "@/lib/validation/policy.validation";
import { riskListQuerySchema } from "@/lib/validation/risks.validation";
import { toolListQuerySchema } from "@/lib/validation/tools.validation";
import { tokenCreateSchema, userCreateSchema, userUpdateSchema } from "@/lib/validation/users.validation";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface RouteSpec {
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string;
  /** null: answers without a token. */
  permission: Permission | null;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyMediaTypes?: string[];
  responseMediaType?: string;
  success?: number;
  /** A second success: the request was taken but does not take effect yet (202), and why. */
  accepted?: string;
  /** An export: refused with 429 while its user already runs as many as one may at once. */
  exportSlot?: true;
}

export const API_ROUTES: RouteSpec[] = [
  { method: "get", path: "/api/v1/health", tag: "System", summary: "Liveness and database reachability (503 when the database is unreachable)", permission: null },
  { method: "get", path: "/api/v1/openapi.json", tag: "System", summary: "This document", permission: null },
  { method: "get", path: "/api/v1/users", tag: "Users", summary: "Everyone with their API tokens (names and dates, never the secrets)", permission: "user:admin", query: pageQuerySchema },
  { method: "post", path: "/api/v1/users", tag: "Users", summary: "Create a user; with a password they can also sign in to the UI", permission: "user:admin", body: userCreateSchema, success: 201 },
  { method: "patch", path: "/api/v1/users/{id}", tag: "Users", summary: "Change a person's name, role, seniority or active flag; deactivating also stops their tokens", permission: "user:admin", body: userUpdateSchema },
  { method: "post", path: "/api/v1/users/{id}/tokens", tag: "Users", summary: "Issue an API token for a user: shown once, stored hashed", permission: "user:admin", body: tokenCreateSchema, success: 201 },
  { method: "delete", path: "/api/v1/users/{id}/tokens/{tokenId}", tag: "Users", summary: "Revoke an API token: it stops working at once", permission: "user:admin", success: 204 },
  { method: "delete", path: "/api/v1/users/{id}/sessions", tag: "Users", summary: "Sign a person out everywhere: every browser session of theirs ends at once (API tokens are not touched)", permission: "user:admin", success: 204 },
  { method: "get", path: "/api/v1/teams", tag: "Catalog", summary: "List teams", permission: "register:read", query: teamListQuerySchema },
  { method: "post", path: "/api/v1/teams", tag: "Catalog", summary: "Create a team", permission: "catalog:write", body: teamCreateSchema, success: 201 },
  { method: "get", path: "/api/v1/environments", tag: "Catalog", summary: "List environments", permission: "register:read", query: environmentListQuerySchema },
  { method: "post", path: "/api/v1/environments", tag: "Catalog", summary: "Create an environment", permission: "catalog:write", body: environmentCreateSchema, success: 201 },
  { method: "get", path: "/api/v1/capabilities", tag: "Catalog", summary: "List the capability catalog", permission: "register:read", query: capabilityListQuerySchema },
  { method: "post", path: "/api/v1/capabilities", tag: "Catalog", summary: "Add a capability", permission: "catalog:write", body: capabilityCreateSchema, success: 201 },
  { method: "get", path: "/api/v1/tools", tag: "Tools", summary: "The register: filter, search, sort, paginate", permission: "register:read", query: toolListQuerySchema },
  { method: "post", path: "/api/v1/tools", tag: "Tools", summary: "Register a tool", permission: "tool:write", body: toolCreateSchema, success: 201 },
  { method: "get", path: "/api/v1/tools/{slug}", tag: "Tools", summary: "One tool with its grants, observations and incidents", permission: "register:read" },
  { method: "patch", path: "/api/v1/tools/{slug}", tag: "Tools", summary: "Change a tool's fields", permission: "tool:write", body: toolUpdateSchema },
  { method: "put", path: "/api/v1/tools/{slug}/observations", tag: "Tools", summary: "Replace what is observed of a tool (inventory sync); all or nothing", permission: "observation:write", body: observationReplaceSchema },
  { method: "get", path: "/api/v1/policy", tag: "Policy", summary: "The policy in force (every rule's thresholds), the defaults, the version history and the pending proposals", permission: "register:read" },
  {
    method: "put",
    path: "/api/v1/policy",
    tag: "Policy",
    summary: "Replace the policy, with a note saying why; a change that loosens nothing governs from now on (200)",
    permission: "policy:edit",
    body: policyUpdateSchema,
    accepted: "The change loosens a rule: it is stored as a pending proposal (the body) and governs only once a second, senior reviewer approves it",
  },
  { method: "get", path: "/api/v1/policy/proposals/{id}", tag: "Policy", summary: "One proposed policy change with its differences (each marked loosens or not), status and decision", permission: "register:read" },
  {
    method: "post",
    path: "/api/v1/policy/proposals/{id}/decisions",
    tag: "Policy",
    summary: "Approve (it governs at once) or reject a proposed policy change; senior reviewers and admins, never the proposer; a rejection needs a comment",
    permission: "policy:edit",
    body: policyProposalDecisionSchema,
    success: 201,
  },
  { method: "get", path: "/api/v1/grants", tag: "Grants", summary: "List grants with their required approvals", permission: "register:read", query: grantListQuerySchema },
  { method: "post", path: "/api/v1/grants", tag: "Grants", summary: "Request a grant", permission: "grant:request", body: grantRequestSchema, success: 201 },
  { method: "get", path: "/api/v1/grants/{id}", tag: "Grants", summary: "One grant with requiredApprovals and its decisions", permission: "register:read" },
  { method: "post", path: "/api/v1/grants/{id}/decisions", tag: "Grants", summary: "Approve or deny a grant (reviewers; never the requester; once per reviewer)", permission: "grant:decide", body: decisionSchema, success: 201 },
  { method: "post", path: "/api/v1/grants/{id}/revoke", tag: "Grants", summary: "Revoke an approved grant", permission: "grant:revoke", body: revokeSchema },
  { method: "get", path: "/api/v1/findings", tag: "Findings", summary: "Computed breaches, worst first", permission: "register:read", query: findingFilterSchema },
  { method: "get", path: "/api/v1/incidents", tag: "Incidents", summary: "List incidents", permission: "register:read", query: incidentListQuerySchema },
  { method: "post", path: "/api/v1/incidents", tag: "Incidents", summary: "Record an incident", permission: "incident:write", body: incidentInputSchema, success: 201 },
  { method: "get", path: "/api/v1/incidents/{key}", tag: "Incidents", summary: "One incident with its tools, changes and mitigations", permission: "register:read" },
  { method: "patch", path: "/api/v1/incidents/{key}", tag: "Incidents", summary: "Change an incident", permission: "incident:write", body: incidentPatchSchema },
  { method: "post", path: "/api/v1/incidents/{key}/tools", tag: "Incidents", summary: "Link a tool to an incident with its role", permission: "incident:write", body: incidentToolLinkSchema, success: 201 },
  { method: "get", path: "/api/v1/changes", tag: "Changes", summary: "The AI-origin ledger", permission: "register:read", query: changeListQuerySchema },
  { method: "post", path: "/api/v1/changes", tag: "Changes", summary: "Record a deployment, or a batch of up to 1,000 (all or nothing); idempotent on externalId", permission: "change:ingest", body: changeBatchSchema, success: 201 },
  { method: "get", path: "/api/v1/audit", tag: "Audit", summary: "The audit log, newest first", permission: "register:read", query: auditQuerySchema },
  { method: "get", path: "/api/v1/audit/chain", tag: "Audit", summary: "Verify the audit hash chain and compare the log with its newest signed checkpoint (TRUNCATED, REWRITTEN, BAD_SIGNATURE); signs the head when it moved", permission: "register:read" },
  { method: "post", path: "/api/v1/audit/checkpoints", tag: "Audit", summary: "Sign the audit chain's head now (201; 200 with the newest checkpoint when the head has not moved; 409 without a key or when the log does not verify)", permission: "audit:checkpoint", success: 201 },
  { method: "get", path: "/api/v1/audit/public-key", tag: "Audit", summary: "The PEM public key that verifies the audit checkpoints (404 when none is configured)", permission: "register:read", responseMediaType: "application/x-pem-file" },
  { method: "get", path: "/api/v1/export", tag: "Export", summary: "The whole register as one JSON document", permission: "register:read", exportSlot: true },
  { method: "get", path: "/api/v1/export/tools.csv", tag: "Export", summary: "The Register table's filtered view as CSV", permission: "register:read", query: toolListQuerySchema, responseMediaType: "text/csv", exportSlot: true },
  { method: "get", path: "/api/v1/export/changes.csv", tag: "Export", summary: "The Changes table's filtered view as CSV", permission: "register:read", query: changeListQuerySchema, responseMediaType: "text/csv", exportSlot: true },
  { method: "get", path: "/api/v1/export/findings.csv", tag: "Export", summary: "The Findings table's filtered view as CSV", permission: "register:read", query: findingPageQuerySchema, responseMediaType: "text/csv", exportSlot: true },
  { method: "get", path: "/api/v1/export/grants.csv", tag: "Export", summary: "The Grants queue's filtered view as CSV", permission: "register:read", query: grantPageQuerySchema, responseMediaType: "text/csv", exportSlot: true },
  { method: "get", path: "/api/v1/export/audit.json", tag: "Export", summary: "The whole audit log with its signed checkpoints and public key, for offline verification (scripts/verify-audit.ts)", permission: "register:read", exportSlot: true },
  { method: "get", path: "/api/v1/export/audit.csv", tag: "Export", summary: "The Audit table's filtered view as CSV", permission: "register:read", query: auditPageQuerySchema, responseMediaType: "text/csv", exportSlot: true },
  { method: "get", path: "/api/v1/export/incidents.csv", tag: "Export", summary: "The Incidents table's filtered view as CSV", permission: "register:read", query: incidentListQuerySchema, responseMediaType: "text/csv", exportSlot: true },
  { method: "get", path: "/api/v1/export/risks.csv", tag: "Export", summary: "The Risks table's filtered view as CSV", permission: "register:read", query: riskListQuerySchema, responseMediaType: "text/csv", exportSlot: true },
  {
    method: "post",
    path: "/api/v1/import/tools",
    tag: "Import",
    summary: "Import tools from CSV or the export's JSON; validated row by row, all or nothing (422 with the report)",
    permission: "tool:write",
    query: importOptionsSchema,
    bodyMediaTypes: ["text/csv", "application/json"],
  },
];

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  // "input": what a client sends, before defaults and coercion; transforms cannot be expressed.
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

function queryParameters(schema: z.ZodType) {
  const json = jsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: property,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
  }));
}

const ERROR_STATUSES: Record<string, string> = {
  "400": "Invalid input; `error.details` lists each field",
  "401": "No valid bearer token",
  "403": "The token's role may not do this",
  "404": "Not found",
  "409": "Conflicts with the current state",
  "422": "Refers to something that does not exist, or breaks a rule",
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
    const errors = route.permission === null ? {} : Object.fromEntries(Object.keys(ERROR_STATUSES).map((status) => [status, { $ref: `#/components/responses/E${status}` }]));
    const roles = route.permission ? (PERMISSIONS[route.permission] as readonly string[]).join(", ") : "anyone";
    paths[route.path] ??= {};
    paths[route.path][route.method] = {
      tags: [route.tag],
      summary: route.summary,
      description: `Roles: ${roles}.`,
      operationId: `${route.method}${route.path.replace(/^\/api\/v1/, "").replace(/[{}]/g, "").replace(/[/.-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      ...(route.permission ? {} : { security: [] }),
      parameters: [...pathParameters, ...(route.query ? queryParameters(route.query) : [])],
      ...(route.body || route.bodyMediaTypes
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                (route.bodyMediaTypes ?? ["application/json"]).map((type) => [type, type === "application/json" && route.body ? { schema: jsonSchema(route.body) } : { schema: { type: "string" } }]),
              ),
            },
          }
        : {}),
      responses: {
        [String(route.success ?? 200)]: {
          description: "Success",
          content: { [route.responseMediaType ?? "application/json"]: { schema: route.responseMediaType ? { type: "string" } : { type: "object" } } },
        },
        ...(route.accepted ? { "202": { description: route.accepted, content: { "application/json": { schema: { type: "object" } } } } } : {}),
        ...errors,
        ...(route.exportSlot ? { "429": { $ref: "#/components/responses/E429" } } : {}),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "GenAI Risk Register API",
      version: "1.0.0",
      description:
        "JSON API for CI/CD and inventory sync. Tools are addressed by slug, environments and teams by name, capabilities and incidents by key, grants and users by id. List endpoints take `page` (from 1) and `pageSize` and answer `{rows, total, page, pageSize, pageCount}` unless noted.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    tags: [...new Set(API_ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token issued with POST /api/v1/users/{id}/tokens; it acts with its user's role." } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
            },
          },
        },
      },
      responses: {
        ...Object.fromEntries(
          Object.entries(ERROR_STATUSES).map(([status, description]) => [`E${status}`, { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
        ),
        E429: {
          description: "`TOO_MANY_REQUESTS`: the user already runs as many exports at once as one may (2); retry after the seconds in `Retry-After`",
          headers: { "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer" } } },
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  };
}
