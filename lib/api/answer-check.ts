// In tests (API_CHECK_RESPONSES=1: the unit, integration, e2e and fuzz runs set it) every JSON answer
// is parsed against its operation's schema, and a field the schema does not declare fails it too: the
// OpenAPI document can then be trusted to say exactly what the API answers. In production nothing is
// parsed twice.
import type { z } from "zod";

export function checksAnswers(): boolean {
  return process.env.API_CHECK_RESPONSES === "1";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

// Where the answer holds a field that the schema's parse dropped (zod strips undeclared keys).
function undeclaredField(answer: unknown, parsed: unknown, path: string): string | null {
  if (Array.isArray(answer) && Array.isArray(parsed)) {
    for (let i = 0; i < answer.length; i++) {
      const found = undeclaredField(answer[i], parsed[i], `${path}${i}.`);
      if (found) return found;
    }
    return null;
  }
  if (isPlainObject(answer) && isPlainObject(parsed)) {
    for (const [key, value] of Object.entries(answer)) {
      if (value === undefined) continue;
      if (!(key in parsed)) return `${path}${key}`;
      const found = undeclaredField(value, parsed[key], `${path}${key}.`);
      if (found) return found;
    }
  }
  return null;
}

export function assertAnswerMatches(what: string, schema: z.ZodType | null | undefined, answer: unknown): void {
  if (!schema) throw new Error(`${what}: the operation declares no schema for this answer`);
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new Error(`${what}: the answer does not match its schema: ${issues.join("; ")}`);
  }
  const extra = undeclaredField(answer, parsed.data, "");
  if (extra) throw new Error(`${what}: the answer carries ${extra}, which its schema does not declare`);
}
