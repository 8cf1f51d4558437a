import { describe, expect, it } from "vitest";
import { applyUserPatch, groupChanges } from "./patch";
import { parseEqFilter, patchRequestSchema, personFields, scimUserSchema } from "./schemas";

const ops = (Operations: unknown[]) => patchRequestSchema.parse({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations }).Operations;
const jane = { userName: "jane@corp.example", displayName: "Jane Doe", emails: [{ value: "jane@corp.example", type: "work", primary: true }], active: true };
const fieldsOf = (user: unknown) => personFields(scimUserSchema.parse(user));

describe("a User's PATCH", () => {
  it("Okta's path-less replace and Entra ID's capitalised op with a string boolean mean the same", () => {
    expect(fieldsOf(applyUserPatch(jane, ops([{ op: "replace", value: { active: false } }]))).active).toBe(false);
    expect(fieldsOf(applyUserPatch(jane, ops([{ op: "Replace", path: "active", value: "False" }]))).active).toBe(false);
    expect(fieldsOf(applyUserPatch(jane, ops([{ op: "Replace", path: "active", value: "True" }]))).active).toBe(true);
  });

  it("the work email by filter path, displayName, and attributes the register does not keep", () => {
    const patched = applyUserPatch(jane, ops([
      { op: "Replace", path: 'emails[type eq "work"].value', value: "J.Doe@corp.example" },
      { op: "Add", path: "displayName", value: "Jane D." },
      { op: "Replace", path: "title", value: "Engineer" },
      { op: "add", value: { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "X" } } },
    ]));
    expect(fieldsOf(patched)).toEqual({ userName: "jane@corp.example", email: "j.doe@corp.example", name: "Jane D.", externalId: null, active: true });
  });

  it("a removed userName leaves the User invalid; a path-less remove is refused", () => {
    expect(scimUserSchema.safeParse(applyUserPatch(jane, ops([{ op: "remove", path: "userName" }]))).success).toBe(false);
    expect(() => applyUserPatch(jane, ops([{ op: "remove" }]))).toThrow(/needs a path/);
  });

  it("an op that is none of add, remove, replace is refused", () => {
    expect(patchRequestSchema.safeParse({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "move" }] }).success).toBe(false);
  });
});

describe("a Group's PATCH", () => {
  it("adds, removes by value list or by filter, replaces, renames", () => {
    expect(groupChanges(ops([{ op: "add", path: "members", value: [{ value: "a" }, { value: "b" }] }]))).toMatchObject({ add: ["a", "b"] });
    expect(groupChanges(ops([{ op: "Remove", path: "members", value: [{ value: "a" }] }]))).toMatchObject({ remove: ["a"] });
    expect(groupChanges(ops([{ op: "remove", path: 'members[value eq "a"]' }]))).toMatchObject({ remove: ["a"] });
    expect(groupChanges(ops([{ op: "remove", path: "members" }]))).toMatchObject({ removeAll: true });
    expect(groupChanges(ops([{ op: "replace", path: "members", value: [{ value: "c" }] }]))).toMatchObject({ members: ["c"] });
    expect(groupChanges(ops([{ op: "replace", value: { id: "g1", displayName: "New name" } }]))).toMatchObject({ displayName: "New name" });
    expect(groupChanges(ops([{ op: "Replace", path: "displayName", value: "Entra name" }]))).toMatchObject({ displayName: "Entra name" });
  });

  it("refuses members that are not a list of values", () => {
    expect(() => groupChanges(ops([{ op: "add", path: "members", value: "everyone" }]))).toThrow(/members must be a list/);
  });
});

describe("filters", () => {
  const users = ["userName", "externalId", "emails.value", 'emails[type eq "work"].value'] as const;
  it("attribute eq \"value\", the attribute and operator regardless of case", () => {
    expect(parseEqFilter('userName eq "a@b.example"', users)).toEqual({ attribute: "userName", value: "a@b.example" });
    expect(parseEqFilter('USERNAME EQ "a\\"b"', users)).toEqual({ attribute: "userName", value: 'a"b' });
    expect(parseEqFilter('emails[type eq "work"].value eq "x@y.example"', users)).toEqual({ attribute: 'emails[type eq "work"].value', value: "x@y.example" });
    expect(parseEqFilter(undefined, users)).toBeUndefined();
  });

  it("anything else is SCIM's invalidFilter", () => {
    for (const filter of ['name.familyName eq "x"', 'userName co "x"', "userName eq", 'userName eq "a" and active eq true', 'userName eq "\\x"']) {
      expect(() => parseEqFilter(filter, users), filter).toThrow(expect.objectContaining({ status: 400, scimType: "invalidFilter" }));
    }
  });
});
