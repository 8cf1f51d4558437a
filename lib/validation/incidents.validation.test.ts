import { describe, expect, it } from "vitest";
import { dateTime, day } from "./form-fields.validation";
import { incidentInputSchema, incidentListQuerySchema, incidentPatchSchema } from "./incidents.validation";
import { lenientQuery } from "./paging";

const base = { key: "inc-3001", title: "Checkout down", severity: "SEV1", startedAt: "2026-01-10T08:00:00Z" };

function issues(input: unknown) {
  const result = incidentInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
}

describe("incidentInputSchema", () => {
  it("accepts the minimal API body and fills the defaults", () => {
    const incident = incidentInputSchema.parse(base);
    expect(incident).toMatchObject({
      key: "INC-3001",
      status: "OPEN",
      detectedAt: null,
      resolvedAt: null,
      genAiContributed: "UNKNOWN",
      environments: [],
      postmortemUrl: null,
    });
    expect(incident.startedAt.toISOString()).toBe("2026-01-10T08:00:00.000Z");
  });

  it("reads form values: datetime-local as UTC, comma lists, empty strings as absent", () => {
    const incident = incidentInputSchema.parse({
      ...base,
      startedAt: "2026-01-10T08:00",
      detectedAt: "2026-01-10T08:30",
      resolvedAt: "",
      services: "checkout, pricing,, checkout ",
      environments: ["prod-us-east"],
      postmortemUrl: "",
    });
    expect(incident.detectedAt?.toISOString()).toBe("2026-01-10T08:30:00.000Z");
    expect(incident.resolvedAt).toBeNull();
    expect(incident.services).toEqual(["checkout", "pricing"]);
    expect(incident.postmortemUrl).toBeNull();
  });

  it("refuses detection before the start, on the detectedAt field", () => {
    expect(issues({ ...base, detectedAt: "2026-01-10T07:59:00Z" })).toEqual([{ field: "detectedAt", message: "Detected must be at or after the start." }]);
  });

  it("refuses resolution before detection (or before the start without detection)", () => {
    expect(issues({ ...base, detectedAt: "2026-01-10T09:00:00Z", resolvedAt: "2026-01-10T08:30:00Z" })).toEqual([
      { field: "resolvedAt", message: "Resolved must be at or after detection." },
    ]);
    expect(issues({ ...base, resolvedAt: "2026-01-10T07:00:00Z" })).toEqual([{ field: "resolvedAt", message: "Resolved must be at or after the start." }]);
  });

  it("accepts equal times", () => {
    expect(issues({ ...base, detectedAt: base.startedAt, resolvedAt: base.startedAt })).toEqual([]);
  });

  it("refuses closing while the standing question is UNKNOWN, on the status field", () => {
    const closed = { ...base, status: "CLOSED", resolvedAt: "2026-01-10T10:00:00Z" };
    expect(issues({ ...closed, genAiContributed: "UNKNOWN" }).map((i) => i.field)).toEqual(["status"]);
    expect(issues({ ...closed, genAiContributed: "NO" })).toEqual([]);
  });

  it("requires a resolution time once resolved or closed", () => {
    expect(issues({ ...base, status: "RESOLVED" }).map((i) => i.field)).toEqual(["resolvedAt"]);
  });

  it("refuses times in the future, bad keys, enums and links", () => {
    const future = new Date(Date.now() + 60 * 60_000).toISOString();
    expect(issues({ ...base, startedAt: future }).map((i) => i.field)).toEqual(["startedAt"]);
    expect(issues({ ...base, key: "inc 1/2" }).map((i) => i.field)).toEqual(["key"]);
    expect(issues({ ...base, severity: "SEV5" }).map((i) => i.field)).toEqual(["severity"]);
    expect(issues({ ...base, genAiContributed: "MAYBE" }).map((i) => i.field)).toEqual(["genAiContributed"]);
    expect(issues({ ...base, postmortemUrl: "javascript:alert(1)" }).map((i) => i.field)).toEqual(["postmortemUrl"]);
    expect(issues({ ...base, startedAt: "yesterday" }).map((i) => i.field)).toEqual(["startedAt"]);
  });
});

describe("incidentPatchSchema", () => {
  it("keeps only what is sent and refuses the key and unknown fields", () => {
    expect(incidentPatchSchema.parse({ status: "MITIGATED" })).toEqual({ status: "MITIGATED" });
    expect(incidentPatchSchema.parse({ resolvedAt: null })).toEqual({ resolvedAt: null });
    expect(incidentPatchSchema.safeParse({ key: "INC-1" }).success).toBe(false);
    expect(incidentPatchSchema.safeParse({ colour: "red" }).success).toBe(false);
  });

  it("refuses an empty patch, which would only write an empty audit event", () => {
    expect(incidentPatchSchema.safeParse({}).success).toBe(false);
  });
});

describe("the incident list's query", () => {
  it("is strict for the API: an unknown value is refused, naming its field", () => {
    const result = incidentListQuerySchema.safeParse({ severity: "SEV1,SEV9" });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["severity", 1]]);
    expect(incidentListQuerySchema.parse({ severity: ["SEV1", "SEV2"], status: "OPEN,MITIGATED" })).toMatchObject({ severity: ["SEV1", "SEV2"], status: ["OPEN", "MITIGATED"] });
  });

  it("is lenient for the page: unknown values fall back rather than failing", () => {
    const query = lenientQuery(incidentListQuerySchema, { severity: "SEV1,SEV9", status: "OPEN", genAi: "MAYBE", sort: "nope", page: "0" }, { pageSize: "25" });
    expect(query).toMatchObject({ severity: [], status: ["OPEN"], genAi: undefined, sort: "startedAt", dir: "desc", page: 1, pageSize: 25 });
  });
});

describe("dates the calendar does not have", () => {
  it("refuses 30 February rather than reading it as 2 March", () => {
    expect(dateTime.safeParse("2026-02-30T00:00:00Z").success).toBe(false);
    expect(day.safeParse("2026-02-30").success).toBe(false);
    expect(dateTime.safeParse("2028-02-29T12:00:00Z").success).toBe(true);
  });
});
