import { describe, expect, it } from "vitest";
import { parseGroupRoleMap, roleFromGroups, roleOfGroup } from "./scim-roles";

describe("roles from identity-provider groups", () => {
  const map = parseGroupRoleMap(JSON.stringify({ "Register admins": "ADMIN", Reviewers: "SECURITY_REVIEWER", "Platform team": "PLATFORM_LEAD", "On call": "INCIDENT_MANAGER" }));

  it("only mapped groups give a role, compared regardless of case; a group named after a role is not mapped by its name", () => {
    expect(roleOfGroup(map, "register ADMINS")).toBe("ADMIN");
    expect(roleOfGroup(map, "ADMIN")).toBeUndefined();
    expect(roleFromGroups(map, ["ADMIN", "Everyone"])).toBeUndefined();
    expect(roleFromGroups(parseGroupRoleMap(undefined), ["Register admins"])).toBeUndefined();
  });

  it("several mapped groups: the highest role in the precedence", () => {
    expect(roleFromGroups(map, ["On call", "Platform team"])).toBe("PLATFORM_LEAD");
    expect(roleFromGroups(map, ["Platform team", "Reviewers"])).toBe("SECURITY_REVIEWER");
    expect(roleFromGroups(map, ["Reviewers", "Register admins"])).toBe("ADMIN");
  });

  it("a map that is not JSON, or names no role, is refused with what is wrong", () => {
    expect(() => parseGroupRoleMap("{nope")).toThrow(/not valid JSON/);
    expect(() => parseGroupRoleMap('{"Admins": "ROOT"}')).toThrow(/must map to one of/);
  });
});
