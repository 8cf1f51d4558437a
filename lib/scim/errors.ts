// SCIM's error message (RFC 7644 §3.12) for whatever a /scim/v2 route throws: an identity provider
// reads `status` and `scimType`, never the API's own error body.
import { ZodError } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { isDatabaseUnavailable } from "@/lib/db/errors";

export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

export type ScimType = "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue" | "invalidVers" | "sensitive";

export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    detail: string,
  ) {
    super(detail);
  }
}

export const invalidValue = (detail: string) => new ScimError(400, "invalidValue", detail);

export interface ScimErrorBody {
  schemas: [typeof ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
}

const body = (status: number, detail: string, scimType?: ScimType): { status: number; body: ScimErrorBody } => ({
  status,
  body: { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType && { scimType }), detail },
});

// The register's own error codes, as SCIM names them.
const SCIM_TYPES: Partial<Record<AppError["code"], ScimType>> = { VALIDATION: "invalidValue", CONFLICT: "uniqueness", UNPROCESSABLE: "mutability" };

export function scimError(error: unknown): { status: number; body: ScimErrorBody } {
  if (error instanceof ScimError) return body(error.status, error.message, error.scimType);
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.map(String).join(".") || "body";
    return body(400, `${field}: ${issue?.message ?? "invalid"}`, "invalidValue");
  }
  if (error instanceof AppError) {
    // A write the register refuses for its state (not the request's syntax) is SCIM's 400 mutability.
    const status = error.code === "UNPROCESSABLE" ? 400 : error.status;
    return body(status, error.message, SCIM_TYPES[error.code]);
  }
  if (isDatabaseUnavailable(error)) return body(503, "The register's database is unavailable; try again shortly.");
  console.error(error);
  return body(500, "Unexpected server error");
}
