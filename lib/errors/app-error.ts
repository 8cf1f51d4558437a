// Errors are values with codes, mapped once to HTTP statuses (API) and form messages (UI).
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "PAYLOAD_TOO_LARGE"
  | "METHOD_NOT_ALLOWED"
  | "UNPROCESSABLE"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "DATABASE_UNAVAILABLE"
  // Grant decisions (lib/policy/approvals.ts PolicyErrorCode) and revocation.
  | "NOT_REVIEWER"
  | "SELF_APPROVAL"
  | "DUPLICATE_DECISION"
  | "GRANT_NOT_PENDING"
  | "GRANT_EXPIRED"
  | "GRANT_NOT_APPROVED";

const STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  PAYLOAD_TOO_LARGE: 413,
  METHOD_NOT_ALLOWED: 405,
  UNPROCESSABLE: 422,
  CONFLICT: 409,
  // Too many of this user's requests are running at once (exports); the answer says when to retry.
  TOO_MANY_REQUESTS: 429,
  DATABASE_UNAVAILABLE: 503,
  NOT_REVIEWER: 403,
  // The requester is not allowed to decide on this grant: a permission question, not a state conflict.
  SELF_APPROVAL: 403,
  DUPLICATE_DECISION: 409,
  GRANT_NOT_PENDING: 409,
  GRANT_EXPIRED: 409,
  GRANT_NOT_APPROVED: 409,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `${what} not found`);
}
