import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { API_ROUTES, openApiDocument } from "./openapi";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const PAGES_API_DIR = path.resolve(import.meta.dirname, "../../pages/api/v1");

// Every (method, path) a route file under app/api/v1 exports, with [param] folders as {param}, and
// every method a Pages Router API route under pages/api/v1 hands to nodeApiRoute.
function implementedRoutes(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const urlPath = `/api/v1/${path.relative(API_DIR, dir)}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\/$/, "");
        const source = readFileSync(full, "utf8");
        for (const [, method] of source.matchAll(/export (?:const|(?:async )?function) (GET|POST|PUT|PATCH|DELETE)\b/g)) {
          found.push(`${method.toLowerCase()} ${urlPath}`);
        }
      }
    }
  };
  walk(API_DIR);
  for (const file of readdirSync(PAGES_API_DIR, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".ts"))) {
    const urlPath = `/api/v1/${file.replace(/(\/?index)?\.ts$/, "")}`.replace(/\[(\w+)\]/g, "{$1}");
    const source = readFileSync(path.join(PAGES_API_DIR, file), "utf8");
    for (const [, method] of source.matchAll(/^  (GET|POST|PUT|PATCH|DELETE): \{/gm)) found.push(`${method.toLowerCase()} ${urlPath}`);
  }
  return found.sort();
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("lists exactly the routes the app implements", () => {
    const documented = API_ROUTES.map((route) => `${route.method} ${route.path}`).sort();
    expect(documented).toEqual(implementedRoutes());
  });

  it("describes request bodies from the validation schemas", () => {
    const document = openApiDocument();
    const changes = document.paths["/api/v1/changes"].post as { requestBody: { content: { "application/json": { schema: { anyOf: { required?: string[] }[] } } } } };
    const single = changes.requestBody.content["application/json"].schema.anyOf[0];
    expect(single.required).toEqual(expect.arrayContaining(["externalId", "service", "environment", "changeType", "aiOrigin", "deployedAt"]));
    const findings = document.paths["/api/v1/findings"].get as { parameters: { name: string; schema: { enum?: string[] } }[] };
    expect(findings.parameters.find((p) => p.name === "severity")?.schema.enum).toEqual(["LOW", "MEDIUM", "HIGH", "CRITICAL"]);
  });
});
