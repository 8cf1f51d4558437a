import { describe, expect, it } from "vitest";
import { detectFormat, parsePeopleImport, parseToolImport, validatePersonImportRow, validateToolImportRow } from "./import.validation";

describe("parseToolImport (CSV)", () => {
  it("reads headers as people write them, quoted cells, a BOM and CRLF", () => {
    const csv = '\uFEFFSlug,Name,Vendor,Kind,Owner Team,status,Modes\r\nkiro-agent,"Kiro, the Agent",Northwind,AGENT,Platform,,"suggest; agent"\r\n\r\n';
    const { records, problems } = parseToolImport(csv, "csv");
    expect(problems).toEqual([]);
    expect(records).toEqual([{ slug: "kiro-agent", name: "Kiro, the Agent", vendor: "Northwind", kind: "AGENT", ownerTeam: "Platform", modes: "suggest; agent" }]);
    // An empty status cell is no status: a new tool gets the default, an existing one keeps its own.
    expect(validateToolImportRow(records[0], 1)).toEqual({ row: { slug: "kiro-agent", name: "Kiro, the Agent", vendor: "Northwind", kind: "AGENT", ownerTeam: "Platform", modes: ["SUGGEST", "AGENT"] } });
  });

  it("reads back the ' the export puts before a formula", () => {
    const { records } = parseToolImport("slug,name,vendor,kind,ownerTeam\nx-tool,'=SUM(A1),'@vendor,OTHER,SRE\n", "csv");
    expect(records[0]).toMatchObject({ name: "=SUM(A1)", vendor: "@vendor" });
  });

  it("names missing columns and ragged rows", () => {
    const { problems } = parseToolImport("slug,name,kind\na,b,AGENT\nc,d\n", "csv");
    expect(problems).toEqual([
      { row: 0, field: "vendor, ownerTeam", message: "the CSV header lacks the columns vendor, ownerTeam" },
      { row: 2, field: "row", message: expect.stringContaining("Too few fields") },
    ]);
  });

  it("refuses an empty file", () => {
    expect(parseToolImport("slug,name,vendor,kind,ownerTeam\n", "csv").problems).toEqual([{ row: 0, field: "body", message: "no tools to import" }]);
  });
});

describe("parseToolImport (JSON)", () => {
  it("takes an array or the export document's tools", () => {
    const tool = { slug: "a-tool", name: "A", vendor: "V", kind: "CHAT", ownerTeam: "SRE" };
    expect(parseToolImport(JSON.stringify([tool]), "json").records).toEqual([tool]);
    expect(parseToolImport(JSON.stringify({ format: "genai-risk-register/v1", teams: [], tools: [tool] }), "json").records).toEqual([tool]);
    expect(parseToolImport(JSON.stringify({ teams: [] }), "json").problems[0]).toMatchObject({ row: 0, field: "body" });
    expect(parseToolImport(JSON.stringify([tool, 7]), "json").problems).toEqual([{ row: 2, field: "row", message: "each tool must be an object" }]);
  });
});

describe("validateToolImportRow", () => {
  it("names every bad field of the row", () => {
    const result = validateToolImportRow({ slug: "Not A Slug", name: "", vendor: "V", kind: "ROBOT", ownerTeam: "SRE", modes: ["SUGGEST", "SUGGEST"] }, 4);
    expect("problems" in result && result.problems.map((p) => [p.row, p.field])).toEqual([
      [4, "slug"],
      [4, "name"],
      [4, "kind"],
      [4, "modes"],
    ]);
  });

  it("keeps slugs of pages free", () => {
    expect(validateToolImportRow({ slug: "import", name: "I", vendor: "V", kind: "CHAT", ownerTeam: "SRE" }, 1)).toHaveProperty("problems");
  });
});

describe("detectFormat", () => {
  it("follows the content type, else the content", () => {
    expect(detectFormat("[]", "text/csv")).toBe("csv");
    expect(detectFormat("slug", "application/json; charset=utf-8")).toBe("json");
    expect(detectFormat("  \n[{}]")).toBe("json");
    expect(detectFormat("\uFEFF{}")).toBe("json");
    expect(detectFormat("slug,name")).toBe("csv");
  });
});

describe("parsePeopleImport", () => {
  it("reads the headers people write, a senior cell as a spreadsheet writes it, and a login in any case", () => {
    const { records, problems } = parsePeopleImport("E-mail Address,Name,ROLE,senior,GitHub\nAna@Example.com,Ana Silva,SECURITY_REVIEWER,Yes,Ana-Silva\nbo@example.com,Bo,VIEWER,0,\n", "csv");
    expect(problems).toEqual([]);
    expect(validatePersonImportRow(records[0], 1)).toEqual({ row: { email: "ana@example.com", name: "Ana Silva", role: "SECURITY_REVIEWER", senior: true, githubLogin: "ana-silva" } });
    expect(validatePersonImportRow(records[1], 2)).toEqual({ row: { email: "bo@example.com", name: "Bo", role: "VIEWER", senior: false } });
    expect(validatePersonImportRow({ email: "x@example.com", name: "X", role: "VIEWER", senior: "perhaps" }, 3)).toEqual({ problems: [{ row: 3, field: "senior", message: "senior must be true or false" }] });
  });

  it("names what a file lacks: the required columns, people, a users array", () => {
    expect(parsePeopleImport("email,name\nx@example.com,X\n", "csv").problems).toEqual([{ row: 0, field: "role", message: "the CSV header lacks the column role" }]);
    expect(parsePeopleImport("[]", "json").problems).toEqual([{ row: 0, field: "body", message: "no people to import" }]);
    expect(parsePeopleImport(JSON.stringify({ tools: [] }), "json").problems).toEqual([{ row: 0, field: "body", message: "expected an array of people or a document with a users array" }]);
    expect(parsePeopleImport(JSON.stringify({ users: [1] }), "json").problems).toEqual([{ row: 1, field: "row", message: "each person must be an object" }]);
  });
});
