import { describe, expect, it } from "vitest";
import { unsafeTextIssue } from "./safe-text";

describe("unsafeTextIssue", () => {
  it("accepts ordinary text, including characters outside the BMP", () => {
    expect(unsafeTextIssue({ name: "Kiro 🤖", tags: ["a", "b"], n: 1, ok: true, none: null })).toBeNull();
  });

  it("names the path of a NUL or a lone surrogate, first in document order", () => {
    expect(unsafeTextIssue({ a: "fine", b: [{ c: "x\u0000" }], d: "\ud800" })).toEqual({ field: "b.0.c", message: expect.stringContaining("NUL") });
    expect(unsafeTextIssue({ title: "\udc00x" })).toEqual({ field: "title", message: expect.stringContaining("surrogate") });
    expect(unsafeTextIssue("\u0000")).toEqual({ field: "body", message: expect.stringContaining("NUL") });
  });

  it("checks object keys too", () => {
    expect(unsafeTextIssue({ nested: { "bad\u0000key": 1 } })?.field).toBe("nested");
  });

  it("walks nesting far deeper than the call stack allows", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}"\\u0000"${"]".repeat(100_000)}`);
    expect(unsafeTextIssue(deep)?.message).toContain("NUL");
    expect(unsafeTextIssue(JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`))).toBeNull();
  });
});
