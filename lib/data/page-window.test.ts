import { describe, expect, it } from "vitest";
import { paged, pageWindow } from "./page-window";

describe("pageWindow", () => {
  it("holds the asked page's rows", () => {
    expect(pageWindow(95, { page: 2, pageSize: 25 })).toEqual({ page: 2, pageSize: 25, pageCount: 4, skip: 25 });
  });

  it("answers a page past the last with the last page", () => {
    expect(pageWindow(95, { page: 9, pageSize: 25 })).toEqual({ page: 4, pageSize: 25, pageCount: 4, skip: 75 });
  });

  it("is one empty page when there are no rows", () => {
    expect(pageWindow(0, { page: 3, pageSize: 25 })).toEqual({ page: 1, pageSize: 25, pageCount: 1, skip: 0 });
  });

  it("puts every row on one page for an export, whatever page was asked", () => {
    expect(pageWindow(95, { page: 3, pageSize: 25 }, true)).toEqual({ page: 1, pageSize: 95, pageCount: 1, skip: 0 });
    expect(pageWindow(0, { page: 1, pageSize: 25 }, true)).toEqual({ page: 1, pageSize: 1, pageCount: 1, skip: 0 });
  });
});

describe("paged", () => {
  it("reads the window's rows after counting, and answers the page the window holds", async () => {
    const asked: [number, number][] = [];
    const page = await paged({ page: 9, pageSize: 25 }, async () => 95, async (skip, take) => (asked.push([skip, take]), ["row"]));
    expect(asked).toEqual([[75, 25]]);
    expect(page).toEqual({ rows: ["row"], total: 95, page: 4, pageSize: 25, pageCount: 4 });
  });

  it("reads every row at once for an export", async () => {
    const asked: [number, number][] = [];
    await paged({ page: 3, pageSize: 25 }, async () => 95, async (skip, take) => (asked.push([skip, take]), []), { all: true });
    expect(asked).toEqual([[0, 95]]);
  });
});
