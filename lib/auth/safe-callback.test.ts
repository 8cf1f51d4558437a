import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("safeCallbackPath", () => {
  it.each([
    ["/tools?kind=AGENT", "/tools?kind=AGENT"],
    ["/grants/abc#decisions", "/grants/abc#decisions"],
    ["/", "/"],
  ])("keeps the same-origin path %s", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });

  it.each([
    "//evil.example/phish",
    "/\\evil.example/phish",
    "/\t/evil.example/phish",
    "/\n/evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "///evil.example",
    "/\u0000",
  ])("sends %j to the overview instead", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
  });

  it("keeps an encoded tab as part of a path on this origin (a browser does not decode it in Location)", () => {
    expect(safeCallbackPath("/%09/evil.example")).toBe("/%09/evil.example");
  });

  it("refuses what is not text", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/tools"])).toBe("/");
  });
});
