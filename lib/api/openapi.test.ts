import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { API_OPERATIONS } from "./operations";

type Responses = Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;

function successResponses(): [string, Responses[string]][] {
  const document = openApiDocument();
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, operation]) =>
      Object.entries((operation as { responses: Responses }).responses)
        .filter(([status]) => status.startsWith("2"))
        .map(([status, response]): [string, Responses[string]] => [`${method.toUpperCase()} ${path} → ${status}`, response]),
    ),
  );
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("has each operation once", () => {
    const keys = API_OPERATIONS.map((operation) => `${operation.method} ${operation.path}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it("describes every JSON success answer with its properties, each shape of a union too (204s have none, CSV and PEM are text)", () => {
    const undescribed = successResponses().filter(([, response]) => {
      const json = response.content?.["application/json"];
      if (!json) return false;
      // One of several shapes (a change, or a batch's summary): each branch has its properties.
      const shapes = Array.isArray(json.schema.anyOf) ? (json.schema.anyOf as Record<string, unknown>[]) : [json.schema];
      return shapes.some((shape) => typeof shape.properties !== "object");
    });
    expect(undescribed.map(([key]) => key)).toEqual([]);
  });

  it("describes request bodies from the validation schemas and times as ISO strings", () => {
    const document = openApiDocument();
    const changes = document.paths["/api/v1/changes"].post as { requestBody: { content: { "application/json": { schema: { anyOf: { required?: string[] }[] } } } } };
    const single = changes.requestBody.content["application/json"].schema.anyOf[0];
    expect(single.required).toEqual(expect.arrayContaining(["externalId", "service", "environment", "changeType", "aiOrigin", "deployedAt"]));
    const findings = document.paths["/api/v1/findings"].get as { parameters: { name: string; schema: { enum?: string[] } }[] };
    expect(findings.parameters.find((p) => p.name === "severity")?.schema.enum).toEqual(["LOW", "MEDIUM", "HIGH", "CRITICAL"]);
    const grant = document.paths["/api/v1/grants/{id}"].get as { responses: Responses };
    const { createdAt, expiresAt } = grant.responses["200"].content?.["application/json"].schema.properties as Record<string, unknown>;
    expect(createdAt).toEqual({ type: "string", format: "date-time" });
    // A grant may have no expiry.
    expect(expiresAt).toEqual({ anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] });
  });

  it("lists each operation's errors by status, with the codes it may answer", () => {
    const document = openApiDocument();
    const decide = document.paths["/api/v1/grants/{id}/decisions"].post as { responses: Record<string, { description: string }> };
    expect(decide.responses["401"].description).toContain("UNAUTHENTICATED");
    expect(decide.responses["403"].description).toContain("CROSS_ORIGIN");
    expect(decide.responses["404"].description).toContain("NOT_FOUND");
    const health = document.paths["/api/v1/health"].get as { responses: Record<string, unknown> };
    expect(health.responses["401"]).toBeUndefined();
  });
});
