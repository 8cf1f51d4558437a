import { describe, expect, it } from "vitest";
import { lenientQuery, searchParamsRecord } from "./paging";
import { TOOL_PAGE_DEFAULTS, toolListQuerySchema } from "./tools.validation";

describe("the tools list query", () => {
  it("is strict for the API: a refused value names its field", () => {
    for (const [query, path] of [
      [{ pageSize: "500" }, ["pageSize"]],
      [{ status: "APPROVED,BOGUS" }, ["status", 1]],
      [{ kind: ["AGENT", "ROBOT"] }, ["kind", 1]],
      [{ sort: "price" }, ["sort"]],
    ] as const) {
      const result = toolListQuerySchema.safeParse(query);
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([path]);
    }
    expect(toolListQuerySchema.parse({ pageSize: "200", status: "APPROVED,RESTRICTED", kind: ["AGENT", "CHAT"] })).toMatchObject({
      page: 1,
      pageSize: 200,
      status: ["APPROVED", "RESTRICTED"],
      kind: ["AGENT", "CHAT"],
      sort: "name",
      dir: "asc",
    });
  });

  it("is lenient for the Register page: a refused value falls back, 25 rows a page unless asked", () => {
    expect(lenientQuery(toolListQuerySchema, { status: "BOGUS", kind: "AGENT", pageSize: "500", sort: "price" }, TOOL_PAGE_DEFAULTS)).toEqual({
      page: 1,
      pageSize: 25,
      status: [],
      kind: ["AGENT"],
      sort: "name",
      dir: "asc",
    });
    expect(lenientQuery(toolListQuerySchema, searchParamsRecord(new URLSearchParams("status=APPROVED&status=RESTRICTED&pageSize=10&hide=vendor")), TOOL_PAGE_DEFAULTS)).toMatchObject({ status: ["APPROVED", "RESTRICTED"], pageSize: 10 });
  });
});
