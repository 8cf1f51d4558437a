import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "@/lib/policy/policy";
import { policyFromMatrixForm } from "./policy-form";
import { policySchema } from "./policy.validation";

const form = (matrix?: string) => {
  const data = new FormData();
  if (matrix !== undefined) data.set("matrix", matrix);
  return data;
};
const fields = (matrix?: string) => {
  const result = policySchema.safeParse(policyFromMatrixForm(DEFAULT_POLICY, form(matrix)));
  return result.success ? [] : [...new Set(result.error.issues.map((issue) => issue.path.join(".")))];
};

describe("policyFromMatrixForm: the matrix editor's form over the policy in force", () => {
  it("replaces the rows, the any-grant row and the high-impact classes, and keeps the rest", () => {
    const matrix = { highImpactClasses: ["DESTRUCTIVE"], approvals: { base: { count: 1, seniorRequired: true }, rows: [] } };
    const policy = policySchema.parse(policyFromMatrixForm(DEFAULT_POLICY, form(JSON.stringify(matrix))));
    expect(policy).toEqual({ ...DEFAULT_POLICY, ...matrix });
  });

  it("reads a missing, malformed or non-object field as nothing sent, which the schema refuses by field", () => {
    expect(fields()).toEqual(["highImpactClasses", "approvals"]);
    expect(fields("{not json")).toEqual(["highImpactClasses", "approvals"]);
    expect(fields("42")).toEqual(["highImpactClasses", "approvals"]);
    expect(fields(JSON.stringify({ highImpactClasses: [], approvals: { base: { count: 1, seniorRequired: false }, rows: [{ count: 2, seniorRequired: true, when: [] }] } }))).toEqual([
      "highImpactClasses",
      "approvals.rows.0.when",
    ]);
  });
});
