// Errors are values with codes, mapped once to HTTP statuses (API) and form messages (UI).
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CROSS_ORIGIN"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "METHOD_NOT_ALLOWED"
  | "TOO_MANY_REQUESTS"
  | "UNPROCESSABLE"
  | "CONFLICT"
  | "DATABASE_UNAVAILABLE"
  // Grant decisions (lib/policy/approvals.ts PolicyErrorCode) and revocation.
  | "NOT_REVIEWER"
  | "SELF_APPROVAL"
  | "DUPLICATE_DECISION"
  | "GRANT_NOT_PENDING"
  | "GRANT_EXPIRED"
  | "GRANT_NOT_APPROVED"
  // Audit checkpoints (lib/data/audit-checkpoints.ts).
  | "AUDIT_SIGNING_KEY_MISSING"
  | "AUDIT_LOG_TAMPERED"

  // Policy proposals (lib/policy/policy-proposal.ts ProposalErrorCode).
  | "SENIOR_REQUIRED"
  | "PROPOSAL_NOT_PENDING"
  | "PROPOSAL_SUPERSEDED";

const STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  // A browser session's write that cannot show it came from the register's own pages.
  CROSS_ORIGIN: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  TOO_MANY_REQUESTS: 429,
  UNPROCESSABLE: 422,
  CONFLICT: 409,
  // Too many of this user's requests are running at once (exports); the answer says when to retry.
  DATABASE_UNAVAILABLE: 503,
  NOT_REVIEWER: 403,
  // The requester is not allowed to decide on this grant: a permission question, not a state conflict.
  SELF_APPROVAL: 403,
  DUPLICATE_DECISION: 409,
  GRANT_NOT_PENDING: 409,
  GRANT_EXPIRED: 409,
  GRANT_NOT_APPROVED: 409,
  // The server's state, not the request, is what prevents signing: nothing the client can change.
  AUDIT_SIGNING_KEY_MISSING: 409,
  AUDIT_LOG_TAMPERED: 409,
  SENIOR_REQUIRED: 403,
  PROPOSAL_NOT_PENDING: 409,
  PROPOSAL_SUPERSEDED: 409,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export interface AppErrorOptions {
  /** Sent as Retry-After: when a refused request may be tried again (429, 503). */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return statusOf(this.code);
  }
}

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `${what} not found`);
}
