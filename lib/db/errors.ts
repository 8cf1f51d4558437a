import { Prisma } from "@/lib/generated/prisma/client";

// A unique index refused the write: P2002 from the query builder; P2010 carrying the driver's
// UniqueConstraintViolation from raw SQL.
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    (error.code === "P2002" || (error.code === "P2010" && JSON.stringify(error.meta ?? {}).includes('"kind":"UniqueConstraintViolation"')))
  );
}
