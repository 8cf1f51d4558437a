import { Prisma } from "@/lib/generated/prisma/client";

// A unique index refused the write: P2002 from the query builder; P2010 carrying the driver's
// UniqueConstraintViolation from raw SQL.
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    (error.code === "P2002" || (error.code === "P2010" && JSON.stringify(error.meta ?? {}).includes('"kind":"UniqueConstraintViolation"')))
  );
}

type DriverCause = { kind?: string; code?: string; originalCode?: string };

function driverCause(error: unknown): DriverCause | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  return (error.meta as { driverAdapterError?: { cause?: DriverCause } } | undefined)?.driverAdapterError?.cause;
}

// Connection-level failures (server down, restarting, out of connections): the request may succeed
// if tried again, so they are a 503 rather than a 500.
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, restart), and 53300.
const UNAVAILABLE_SQLSTATE = /^(08|57P|53300)/;
const UNAVAILABLE_MESSAGE = /ECONNREFUSED|ECONNRESET|Connection terminated|Can't reach database server|terminating connection/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = driverCause(error);
  if (cause?.kind && UNAVAILABLE_KINDS.has(cause.kind)) return true;
  const sqlState = cause?.originalCode ?? cause?.code;
  if (sqlState && UNAVAILABLE_SQLSTATE.test(sqlState)) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError && UNAVAILABLE_PRISMA_CODES.has(error.code)) return true;
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  return error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message);
}

const TRANSACTION_CONFLICTS = new Set(["40P01", "40001"]);

/** A deadlock or serialisation failure: the transaction rolled back whole and may simply be tried again. */
export function isTransactionConflict(error: unknown): boolean {
  const code = (error as { code?: string; meta?: { code?: string } }).meta?.code ?? driverCause(error)?.originalCode ?? (error as { code?: string }).code;
  return !!code && TRANSACTION_CONFLICTS.has(code);
}
