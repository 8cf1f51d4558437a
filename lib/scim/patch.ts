// PATCH (RFC 7644 §3.5.2) as Okta and Entra ID send it. A User's operations are applied to its SCIM
// representation, which is then validated as a PUT's body would be; a Group's come out as changes
// to its name and members. Okta: `{"op":"replace","value":{"active":false}}`; Entra ID:
// `{"op":"Replace","path":"active","value":"False"}`; both for members: `{"op":"add","path":"members",
// "value":[{"value":"<id>"}]}` and `{"op":"remove","path":"members[value eq \"<id>\"]"}`.
import { invalidValue, ScimError } from "./errors";
import { membersSchema, type PatchOperation } from "./schemas";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

// The User attributes the register keeps; any other path (title, phoneNumbers, the enterprise
// extension…) names something it does not store, and is left alone.
const USER_PATHS = ["userName", "externalId", "displayName", "active", "name", "emails"] as const;
const NAME_PARTS = ["formatted", "givenName", "familyName"] as const;
const EMAIL_VALUE = /^emails(\[.*\])?\.value$/i;

const known = <T extends string>(names: readonly T[], name: string): T | undefined => names.find((candidate) => candidate.toLowerCase() === name.toLowerCase());

function setUserPath(user: Json, op: PatchOperation["op"], path: string, value: unknown): void {
  const remove = op === "remove";
  // The register holds one email: whichever email the path names, it is that one.
  if (EMAIL_VALUE.test(path)) {
    if (!remove) user.emails = [{ value, type: "work", primary: true }];
    return;
  }
  const [head, part, ...rest] = path.split(".");
  const attribute = known(USER_PATHS, head);
  if (!attribute || rest.length > 0) return;
  if (attribute === "name" && part !== undefined) {
    const sub = known(NAME_PARTS, part);
    if (!sub) return;
    const name = isObject(user.name) ? { ...user.name } : {};
    if (remove) delete name[sub];
    else name[sub] = value;
    user.name = name;
    return;
  }
  if (part !== undefined) return;
  if (remove) delete user[attribute];
  else if (attribute === "name" && isObject(value) && isObject(user.name)) user.name = { ...user.name, ...value };
  else user[attribute] = value;
}

/** The User after the operations, still to be validated (so that a removed userName is refused). */
export function applyUserPatch(current: Json, operations: readonly PatchOperation[]): Json {
  const user: Json = structuredClone(current);
  for (const [index, operation] of operations.entries()) {
    if (operation.path === undefined || operation.path === "") {
      if (operation.op === "remove") throw new ScimError(400, "noTarget", `Operations[${index}]: remove needs a path`);
      if (!isObject(operation.value)) throw invalidValue(`Operations[${index}].value: without a path, the value must be an object of attributes`);
      for (const [key, value] of Object.entries(operation.value)) setUserPath(user, operation.op, key, value);
    } else {
      if (operation.op !== "remove" && operation.value === undefined) throw invalidValue(`Operations[${index}].value is required for ${operation.op}`);
      setUserPath(user, operation.op, operation.path, operation.value);
    }
  }
  return user;
}

export interface GroupChanges {
  displayName?: string;
  externalId?: string | null;
  /** Replaces the members altogether. */
  members?: string[];
  add: string[];
  remove: string[];
  /** Every member goes (a remove of "members" with no value). */
  removeAll: boolean;
}

function memberIds(index: number, value: unknown): string[] {
  const parsed = membersSchema.safeParse(Array.isArray(value) ? value : [value]);
  if (!parsed.success) throw invalidValue(`Operations[${index}].value: members must be a list of {"value": "<user id>"}`);
  return parsed.data.map((member) => member.value);
}

function groupText(index: number, attribute: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "" || value.length > 200) throw invalidValue(`Operations[${index}].value: ${attribute} must be a non-empty string of at most 200 characters`);
  return value.trim();
}

function applyGroupAttribute(changes: GroupChanges, index: number, op: PatchOperation["op"], attribute: string, value: unknown): void {
  const name = attribute.toLowerCase();
  if (name === "members") {
    if (op === "remove") {
      if (value === undefined) changes.removeAll = true;
      else changes.remove.push(...memberIds(index, value));
    } else if (op === "add") changes.add.push(...memberIds(index, value));
    else changes.members = memberIds(index, value);
  } else if (name === "displayname") {
    if (op === "remove") throw new ScimError(400, "mutability", `Operations[${index}]: a group's displayName cannot be removed`);
    changes.displayName = groupText(index, "displayName", value);
  } else if (name === "externalid") {
    changes.externalId = op === "remove" ? null : groupText(index, "externalId", value);
  }
  // id, meta and schemas are the register's, and attributes it does not keep are left alone.
}

export function groupChanges(operations: readonly PatchOperation[]): GroupChanges {
  const changes: GroupChanges = { add: [], remove: [], removeAll: false };
  for (const [index, operation] of operations.entries()) {
    const path = operation.path?.trim();
    if (!path) {
      if (operation.op === "remove") throw new ScimError(400, "noTarget", `Operations[${index}]: remove needs a path`);
      if (!isObject(operation.value)) throw invalidValue(`Operations[${index}].value: without a path, the value must be an object of attributes`);
      for (const [key, value] of Object.entries(operation.value)) applyGroupAttribute(changes, index, operation.op, key, value);
      continue;
    }
    const oneMember = path.match(/^members\[\s*value\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\]$/i);
    if (oneMember) {
      if (operation.op !== "remove") throw new ScimError(400, "invalidPath", `Operations[${index}]: members[value eq …] can only be removed`);
      changes.remove.push(oneMember[1]);
      continue;
    }
    if (operation.op !== "remove" && operation.value === undefined) throw invalidValue(`Operations[${index}].value is required for ${operation.op}`);
    applyGroupAttribute(changes, index, operation.op, path, operation.value);
  }
  return changes;
}
