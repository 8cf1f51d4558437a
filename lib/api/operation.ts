// One description per API operation: method, path, who may call it, what it reads and what it
// answers. Both adapters execute it (lib/api/app-route.ts for the App Router, lib/api/node-route.ts for
// the Pages Router), the OpenAPI document is generated from it, and the authorization matrix and the
// route-completeness tests are derived from it; a route file only adds the handler.
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import type { ErrorCode } from "@/lib/errors/app-error";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Operation {
  method: HttpMethod;
  /** OpenAPI style: /api/v1/tools/{slug}; each {name} is a path parameter. */
  path: `/api/v1/${string}`;
  tag: string;
  summary: string;
  /** null: answers without a token or session. */
  permission: Permission | null;
  query?: z.ZodType;
  /** A JSON body (application/json or +json), parsed with this schema. */
  body?: z.ZodType;
  /** The JSON body may be left out altogether; the body's schema then parses {}. */
  bodyOptional?: true;
  /** A body read as text (at the same size limit) and handed to the handler as it is. */
  textBody?: { mediaTypes: readonly string[] };
  /** The answer's schema (JSON); null for 204 No Content. */
  response: z.ZodType | null;
  /** A non-JSON answer (CSV, PEM): the handler returns a Response, `response` describes nothing. */
  responseMediaType?: string;
  /** The success status; 200 unless said. */
  status?: 200 | 201 | 204;
  /** A second success: the request was taken but does not take effect yet (202), and why. */
  accepted?: { description: string; response: z.ZodType };
  /** Error codes the operation itself may answer, beyond those every operation of its kind may. */
  errors?: readonly ErrorCode[];
  /** An export: refused with 429 while its user already runs as many as one may at once. */
  exportSlot?: true;
  /**
   * A write that can change no finding (the ledger's ingestion): it answers without waiting for the
   * finding records to catch up. Every other write answers once they reflect it.
   */
  leavesFindings?: true;
}

export function defineOperation<const O extends Operation>(operation: O): O {
  return operation;
}

type PathParamNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParamNames<Rest> : never;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface OperationContext<O extends Operation> {
  actor: O["permission"] extends Permission ? Actor : Actor | null;
  params: Record<PathParamNames<O["path"]>, string>;
  query: Parsed<O["query"]>;
  body: O["textBody"] extends object ? string : Parsed<O["body"]>;
  header: (name: string) => string | undefined;
}

/** An answer with a status or headers of its own (201 with Location, 202, 200 on an idempotent replay). */
export class Reply<T> {
  constructor(
    readonly body: T,
    readonly status: number,
    readonly headers: Record<string, string> = {},
  ) {}
}

type Answer<O extends Operation> =
  | (O["response"] extends z.ZodType ? z.output<O["response"]> | Reply<z.output<O["response"]>> : void)
  | (O["accepted"] extends { response: z.ZodType } ? Reply<z.output<O["accepted"]["response"]>> : never)
  | (O["responseMediaType"] extends string ? Response : never);

export type OperationHandler<O extends Operation> = (context: OperationContext<O>) => Promise<Answer<O>>;

/** The path parameters' names, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
}
