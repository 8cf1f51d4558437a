// The v1 API reference, generated from the operations (lib/api/operations) that the handlers execute:
// the same zod schemas validate the requests and describe the answers.
import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { type ErrorCode, statusOf } from "@/lib/errors/app-error";
import type { Operation } from "./operation";
import { pathParamNames } from "./operation";
import { API_OPERATIONS } from "./operations";

// Answers are the data layer's objects, whose times are Dates: on the wire they are ISO 8601 strings.
function dateAsString(context: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  if (context.zodSchema._zod.def.type === "date") Object.assign(context.jsonSchema, { type: "string", format: "date-time" });
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  // Requests are described as a client sends them, before defaults and coercion; answers as sent.
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", override: dateAsString }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

function queryParameters(schema: z.ZodType) {
  const json = jsonSchema(schema, "input") as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: property,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
  }));
}

// What any operation of its kind may answer, besides the codes it declares itself.
function errorCodes(operation: Operation): ErrorCode[] {
  const codes: ErrorCode[] = ["DATABASE_UNAVAILABLE"];
  if (operation.permission !== null) codes.push("UNAUTHENTICATED", "FORBIDDEN");
  if (operation.permission !== null && operation.method !== "GET") codes.push("CROSS_ORIGIN");
  if (operation.query || operation.body || operation.textBody) codes.push("VALIDATION");
  if (operation.body || operation.textBody) codes.push("UNSUPPORTED_MEDIA_TYPE");
  if (operation.body || operation.textBody) codes.push("PAYLOAD_TOO_LARGE");
  if (pathParamNames(operation.path).length > 0) codes.push("NOT_FOUND");
  if (operation.exportSlot) codes.push("TOO_MANY_REQUESTS");
  return [...new Set([...codes, ...(operation.errors ?? [])])];
}

function errorResponses(operation: Operation) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(operation)) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: codes.map((code) => `\`${code}\``).join(", "),
        ...(codes.includes("TOO_MANY_REQUESTS") || codes.includes("DATABASE_UNAVAILABLE")
          ? { headers: { "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer" } } } }
          : {}),
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );
}

function successResponses(operation: Operation) {
  const status = String(operation.status ?? 200);
  const success =
    operation.response === null
      ? { description: "Done; no content" }
      : {
          description: "Success",
          content: operation.responseMediaType
            ? { [operation.responseMediaType]: { schema: { type: "string" } } }
            : { "application/json": { schema: jsonSchema(operation.response, "output") } },
        };
  const accepted = operation.accepted && {
    description: operation.accepted.description,
    content: { "application/json": { schema: jsonSchema(operation.accepted.response, "output") } },
  };
  return { [status]: success, ...(accepted ? { "202": accepted } : {}) };
}

function requestBody(operation: Operation) {
  if (operation.body) return { required: !operation.bodyOptional, content: { "application/json": { schema: jsonSchema(operation.body, "input") } } };
  if (operation.textBody) return { required: true, content: Object.fromEntries(operation.textBody.mediaTypes.map((type) => [type, { schema: { type: "string" } }])) };
  return undefined;
}

function operationId(operation: Operation): string {
  return `${operation.method.toLowerCase()}${operation.path.replace(/^\/api\/v1/, "").replace(/[{}]/g, "").replace(/[/.-](\w)/g, (_m, c: string) => c.toUpperCase())}`;
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of API_OPERATIONS) {
    const roles = operation.permission ? (PERMISSIONS[operation.permission] as readonly string[]).join(", ") : "anyone";
    const body = requestBody(operation);
    paths[operation.path] ??= {};
    paths[operation.path][operation.method.toLowerCase()] = {
      tags: [operation.tag],
      summary: operation.summary,
      description: `Roles: ${roles}.`,
      operationId: operationId(operation),
      ...(operation.permission ? {} : { security: [] }),
      parameters: [
        ...pathParamNames(operation.path).map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
        ...(operation.query ? queryParameters(operation.query) : []),
      ],
      ...(body ? { requestBody: body } : {}),
      responses: { ...successResponses(operation), ...errorResponses(operation) },
    };
  }
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "GenAI Risk Register API",
      version: "1.0.0",
      description:
        "JSON API for CI/CD and inventory sync. Tools are addressed by slug, environments and teams by name, capabilities and incidents by key, grants and users by id. List endpoints take `page` (from 1) and `pageSize` and answer `{rows, total, page, pageSize, pageCount}` unless noted.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    tags: [...new Set(API_OPERATIONS.map((operation) => operation.tag))].map((name) => ({ name })),
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
    },
  };
}
