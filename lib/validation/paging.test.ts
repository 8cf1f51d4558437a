import { describe, expect, it } from "vitest";
import { z } from "zod";
import { lenientQuery, pageQuerySchema } from "./paging";

const schema = pageQuerySchema.extend({ status: z.enum(["OPEN", "CLOSED"]).optional() });

describe("the shared page query", () => {
  it("is strict for the API: a refused value names its field", () => {
    const result = pageQuerySchema.safeParse({ pageSize: "500" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(["pageSize"]);
    expect(pageQuerySchema.parse({})).toEqual({ page: 1, pageSize: 50 });
  });

  it("is lenient for a page: each refused value falls back to the page's default, the rest stands", () => {
    expect(lenientQuery(schema, { page: "abc", pageSize: "500", status: "OPEN" }, { pageSize: "25" })).toEqual({ page: 1, pageSize: 25, status: "OPEN" });
    expect(lenientQuery(schema, { status: "NOPE", page: "3" })).toEqual({ page: 3, pageSize: 50 });
  });

  it("falls back to the schema's own defaults when a page's default is refused too", () => {
    expect(lenientQuery(schema, {}, { pageSize: "0" })).toEqual({ page: 1, pageSize: 50 });
  });
});
