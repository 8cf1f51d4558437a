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

interface Step {
  value: unknown;
  key?: string | number;
  parent?: Step;
}

function pathOf(step: Step, root: (string | number)[]): string {
  const keys: (string | number)[] = [];
  for (let at: Step | undefined = step; at?.key !== undefined; at = at.parent) keys.push(at.key);
  return [...root, ...keys.reverse()].join(".") || "body";
}

/**
 * The first string (or object key) in `value` that cannot be stored, with the path that leads to it.
 * Walks with its own stack, each step linked to its parent: JSON.parse accepts nesting far deeper
 * than a recursive walk could follow.
 */
export function unsafeTextIssue(value: unknown, path: (string | number)[] = []): TextIssue | null {
  const pending: Step[] = [{ value }];
  while (pending.length > 0) {
    const step = pending.pop()!;
    if (typeof step.value === "string") {
      const problem = problemOf(step.value);
      if (problem) return { field: pathOf(step, path), message: problem };
    } else if (step.value !== null && typeof step.value === "object") {
      const entries: [string | number, unknown][] = Array.isArray(step.value) ? step.value.map((item, index) => [index, item]) : Object.entries(step.value);
      for (const [key] of entries) {
        const keyProblem = typeof key === "string" ? problemOf(key) : null;
        if (keyProblem) return { field: pathOf(step, path), message: `a key ${keyProblem}` };
      }
      // Pushed in reverse so that the first offending field, in document order, is the one reported.
      for (let index = entries.length - 1; index >= 0; index--) pending.push({ value: entries[index][1], key: entries[index][0], parent: step });
    }
  }
  return null;
}
