import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { openApiDocument } from "@/lib/api/openapi";

type Document = ReturnType<typeof openApiDocument>;
interface Operation {
  tags: string[];
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown>; description?: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
}

const METHOD_TONE: Record<string, Tone> = { get: "blue", post: "green", put: "yellow", patch: "orange", delete: "red" };

function typeOf(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return (schema.enum as string[]).join(" | ");
  if (schema.type === "array") return `${typeOf((schema.items as Record<string, unknown>) ?? {})}[]`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Record<string, unknown>[]).map(typeOf).join(" | ");
  return String(schema.type ?? "any");
}

// A readable rendering of /api/v1/openapi.json: operations grouped by tag, parameters and bodies shown.
export function ApiReference({ document }: { document: Document }) {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({ path, method, operation })),
  );
  return (
    <div className="space-y-6">
      {document.tags.map(({ name }) => (
        <Card key={name} title={name}>
          <div className="divide-y divide-slate-100">
            {operations
              .filter(({ operation }) => operation.tags.includes(name))
              .map(({ path, method, operation }) => (
                <section key={`${method} ${path}`} className="py-3" aria-label={`${method.toUpperCase()} ${path}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={METHOD_TONE[method]} className="w-14 justify-center font-mono uppercase">
                      {method}
                    </Badge>
                    <code className="font-mono text-sm font-semibold">{path}</code>
                    <span className="text-sm text-slate-700">{operation.summary}</span>
                  </div>
                  <p className="mt-1 text-xs text-slate-500">
                    {operation.description} Answers {Object.keys(operation.responses).join(", ")}.
                  </p>
                  {operation.parameters.length > 0 && (
                    <table className="mt-2 text-xs">
                      <caption className="sr-only">Parameters</caption>
                      <tbody>
                        {operation.parameters.map((p) => (
                          <tr key={`${p.in}-${p.name}`}>
                            <th scope="row" className="py-0.5 pr-3 text-left font-mono font-medium">
                              {p.name}
                              {p.required ? "*" : ""}
                            </th>
                            <td className="pr-3 text-slate-500">{p.in}</td>
                            <td className="pr-3 font-mono text-slate-700">{typeOf(p.schema)}</td>
                            <td className="text-slate-500">{p.description ?? ""}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {operation.requestBody && (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-xs font-medium text-brand-700">Request body ({Object.keys(operation.requestBody.content).join(", ")})</summary>
                      {Object.entries(operation.requestBody.content).map(([type, { schema }]) => (
                        <pre key={type} tabIndex={0} role="region" aria-label={`${method.toUpperCase()} ${path} request body, ${type}`} className="mt-1 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
                          {JSON.stringify(schema, null, 2)}
                        </pre>
                      ))}
                    </details>
                  )}
                </section>
              ))}
          </div>
        </Card>
      ))}
    </div>
  );
}
