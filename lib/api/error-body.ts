import { ZodError } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { isDatabaseUnavailable } from "@/lib/db/errors";

export interface ApiErrorBody {
  error: { code: string; message: string; details: unknown };
}

export interface ApiErrorReply {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
}

// How long a client should wait before retrying while the database is unreachable.
const DATABASE_RETRY_AFTER_SECONDS = 5;

// A message may already start with its field ("comment: say why…"); prefixing the path again
// would say "comment: comment: …", so the message's own prefix gives way to the full path.
function withField(field: string, message: string): string {
  if (!field) return `body: ${message}`;
  const ownPrefix = `${field.split(".").at(-1)}: `;
  return `${field}: ${message.startsWith(ownPrefix) ? message.slice(ownPrefix.length) : message}`;
}

function reply(error: AppError): ApiErrorReply {
  const retryAfter = error.options.retryAfterSeconds;
  return {
    status: error.status,
    body: { error: { code: error.code, message: error.message, details: error.details ?? null } },
    headers: retryAfter === undefined ? {} : { "retry-after": String(Math.max(1, Math.ceil(retryAfter))) },
  };
}

type Issue = ZodError["issues"][number];

// A union (one change or a batch of them) fails as a whole, without a path; the branch whose shape
// the input has (its root type matched) says which field is wrong.
function fieldIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const shaped = issue.errors.find((branch) => !branch.some((inner) => inner.code === "invalid_type" && inner.path.length === 0));
      if (shaped) return fieldIssues(shaped, path);
    }
    return [{ path, message: issue.message }];
  });
}

// The documented error body, status and headers for anything a route throws, whichever router serves it.
export function apiError(error: unknown): ApiErrorReply {
  if (error instanceof AppError) return reply(error);
  if (error instanceof ZodError) {
    const details = fieldIssues(error.issues).map((issue) => ({ field: issue.path.map(String).join("."), message: issue.message }));
    const first = details[0];
    return { status: 400, body: { error: { code: "VALIDATION", message: first ? withField(first.field, first.message) : "Invalid input", details } }, headers: {} };
  }
  if (isDatabaseUnavailable(error)) {
    console.error("Database unavailable:", (error as Error).message);
    return reply(new AppError("DATABASE_UNAVAILABLE", "The register's database is unavailable; try again shortly.", null, { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS }));
  }
  console.error(error);
  return { status: 500, body: { error: { code: "INTERNAL", message: "Unexpected server error", details: null } }, headers: {} };
}
