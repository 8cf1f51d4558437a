import { describe, expect, it } from "vitest";
import { addressFromSegment, environmentCreateSchema, environmentUpdateSchema, teamCreateSchema } from "./catalog.validation";

describe("catalog addresses", () => {
  it("reads a page's segment whether Next.js decoded it or not", () => {
    expect(addressFromSegment("Developer%20Experience")).toBe("Developer Experience");
    expect(addressFromSegment("Developer Experience")).toBe("Developer Experience");
    expect(addressFromSegment("queue%3Apurge")).toBe("queue:purge");
    expect(addressFromSegment("queue:purge")).toBe("queue:purge");
    // Names no "%" can be in: a stray one names nothing, and is not an error.
    expect(addressFromSegment("50%")).toBe("50%");
  });

  it("refuses a name a URL cannot carry as it is, so that a segment with % is always an encoded one", () => {
    for (const name of ["a/b", "a?b", "a#b", "50% off", "a\\b"]) {
      const result = teamCreateSchema.safeParse({ name });
      expect(result.success, name).toBe(false);
      expect(result.error?.issues[0].message).toBe("name may not contain / \\ ? # or %");
    }
    expect(environmentCreateSchema.safeParse({ name: "prod ap-south", tier: "PRODUCTION" }).success).toBe(true);
  });

  it("never changes a name, and wants a field to change", () => {
    const renamed = environmentUpdateSchema.safeParse({ name: "prod", tier: "SANDBOX" });
    expect(renamed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["name", expect.stringMatching(/^name cannot be changed/)]]);
    expect(environmentUpdateSchema.safeParse({}).error?.issues[0].message).toBe("Send at least one field to change.");
    expect(environmentUpdateSchema.parse({ criticalPath: true })).toEqual({ criticalPath: true });
  });
});
