// Text the database cannot store: Postgres refuses NUL in text and jsonb (SQLSTATE 22021), and a lone
// UTF-16 surrogate cannot be encoded as UTF-8 at all. Input is checked for both where it enters (JSON
// bodies, query strings, path segments, form fields), so the answer is a 400 naming the field rather
// than a failed statement.

export interface TextIssue {
  field: string;
  message: string;
}

function problemOf(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character, which cannot be stored";
  if (!text.isWellFormed()) return "contains a lone UTF-16 surrogate, which is not valid Unicode text";
  return null;
}

/** The first string (or object key) in `value` that cannot be stored, with the path that leads to it. */
export function unsafeTextIssue(value: unknown, path: (string | number)[] = []): TextIssue | null {
  const field = () => path.join(".") || "body";
  if (typeof value === "string") {
    const problem = problemOf(value);
    return problem ? { field: field(), message: problem } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const issue = unsafeTextIssue(item, [...path, index]);
      if (issue) return issue;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = problemOf(key);
      if (keyProblem) return { field: field(), message: `a key ${keyProblem}` };
      const issue = unsafeTextIssue(item, [...path, key]);
      if (issue) return issue;
    }
  }
  return null;
}
