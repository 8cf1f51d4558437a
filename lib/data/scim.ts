// SCIM provisioning (RFC 7643/7644): an identity provider creates, updates, deactivates and deletes
// the register's people, and its groups give them roles. Every write is audited in its transaction
// as the SCIM token's person, `via: "scim"`, with the same events as an admin's changes. Deactivating
// someone ends their sessions at once (the session version moves on) and their tokens stop (they are
// refused while the person is inactive); deleting them also revokes their tokens and leaves the row,
// inactive and out of SCIM's sight, for the audit history and the decisions they took.
import "server-only";
import { prisma, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit, recordAuditEvents, type AuditEventInput } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";
import { parseGroupRoleMap, roleFromGroups, roleOfGroup, type GroupRoleMap } from "@/lib/policy/scim-roles";
import { ScimError } from "@/lib/scim/errors";
import { applyUserPatch, groupChanges } from "@/lib/scim/patch";
import { groupResource, listResponse, userResource, type ScimGroupRow, type ScimPerson } from "@/lib/scim/resources";
import {
  type ListQuery,
  parseEqFilter,
  patchRequestSchema,
  personFields,
  type PersonFields,
  scimGroupSchema,
  scimUserSchema,
  USER_SCHEMA,
} from "@/lib/scim/schemas";

const VIA = "scim";

const notFound = (kind: "User" | "Group", id: string) => new ScimError(404, undefined, `${kind} "${id}" not found`);
const uniqueness = (detail: string) => new ScimError(409, "uniqueness", detail);

// The SCIM token's own person stands for the identity provider: provisioning must not lock it out.
function assertNotSelf(actor: Actor, userId: string, what: string): void {
  if (userId === actor.id) throw new ScimError(400, "mutability", `The SCIM token's own person (${actor.email}) cannot be ${what} over SCIM; an admin changes it on the People page.`);
}

const groupRoleMap = (): GroupRoleMap => parseGroupRoleMap(process.env.SCIM_GROUP_ROLE_MAP);

// People SCIM sees: everyone but those it deleted.
const visible = { deprovisionedAt: null } satisfies Prisma.UserWhereInput;
const personSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  scimUserName: true,
  externalId: true,
  createdAt: true,
  deprovisionedAt: true,
  scimGroups: { select: { group: { select: { id: true, displayName: true } } }, orderBy: { group: { displayName: "asc" } } },
} satisfies Prisma.UserSelect;
type PersonRow = Prisma.UserGetPayload<{ select: typeof personSelect }>;

const toPerson = (row: PersonRow): ScimPerson => ({ ...row, groups: row.scimGroups.map((membership) => membership.group) });

// A person added by hand has no SCIM userName: a provider looking them up by their email finds them,
// and its first write links them.
function userNameIs(userName: string): Prisma.UserWhereInput {
  return { OR: [{ scimUserName: { equals: userName, mode: "insensitive" } }, { scimUserName: null, email: userName.toLowerCase() }] };
}

const USER_FILTERS = ["userName", "externalId", "emails.value", 'emails[type eq "work"].value', "id"] as const;

function userFilter(filter: string | undefined): Prisma.UserWhereInput {
  const eq = parseEqFilter(filter, USER_FILTERS);
  if (!eq) return {};
  if (eq.attribute === "userName") return userNameIs(eq.value);
  if (eq.attribute === "externalId") return { externalId: eq.value };
  if (eq.attribute === "id") return { id: eq.value };
  return { email: eq.value.toLowerCase() };
}

export async function listScimUsers(actor: Actor, query: ListQuery) {
  authorize(actor, "user:admin");
  const where: Prisma.UserWhereInput = { AND: [visible, userFilter(query.filter)] };
  const db = prisma();
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    query.count === 0 ? [] : db.user.findMany({ where, select: personSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: query.startIndex - 1, take: query.count }),
  ]);
  return listResponse(rows.map((row) => userResource(toPerson(row))), total, query.startIndex);
}

async function visiblePerson(tx: Tx, id: string): Promise<PersonRow> {
  const row = await tx.user.findFirst({ where: { id, ...visible }, select: personSelect });
  if (!row) throw notFound("User", id);
  return row;
}

export async function getScimUser(actor: Actor, id: string) {
  authorize(actor, "user:admin");
  return userResource(toPerson(await visiblePerson(prisma(), id)));
}

// userName and email are each one person's; a deleted person's email comes back to them (below).
async function assertFree(tx: Tx, fields: PersonFields, userId?: string): Promise<void> {
  const others = { NOT: { id: userId ?? "" } };
  const byUserName = await tx.user.findFirst({ where: { AND: [visible, others, userNameIs(fields.userName)] }, select: { id: true } });
  if (byUserName) throw uniqueness(`A user with userName ${fields.userName} already exists.`);
  const byEmail = await tx.user.findFirst({ where: { AND: [others, { email: fields.email }] }, select: { id: true } });
  if (byEmail) throw uniqueness(`A user with email ${fields.email} already exists.`);
}

function uniqueViolationAsConflict(fields: PersonFields) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) throw uniqueness(`A user with userName ${fields.userName} or email ${fields.email} already exists.`);
    throw error;
  };
}

const PERSON_KEYS = ["scimUserName", "email", "name", "externalId", "active", "deprovisionedAt"] as const;

// A write to a person, audited with what changed. Deactivation ends their sessions for good:
// reactivating them later lets them sign in again, not revive an old cookie.
async function writePerson(tx: Tx, actor: Actor, before: PersonRow, fields: PersonFields, revive = false): Promise<PersonRow> {
  if (fields.active === false) assertNotSelf(actor, before.id, "deactivated");
  await assertFree(tx, fields, before.id);
  const data = {
    scimUserName: fields.userName,
    email: fields.email,
    name: fields.name,
    externalId: fields.externalId,
    ...(fields.active !== undefined && { active: fields.active }),
    ...(revive && { deprovisionedAt: null, active: fields.active ?? true }),
  };
  const endsSessions = before.active && data.active === false;
  const after = await tx.user
    .update({ where: { id: before.id }, data: { ...data, ...(endsSessions && { sessionVersion: { increment: 1 } }) }, select: personSelect })
    .catch(uniqueViolationAsConflict(fields));
  const changed = PERSON_KEYS.filter((key) => String(before[key]) !== String(after[key]));
  if (changed.length) {
    await recordAudit(tx, actor, {
      action: "user.updated",
      entity: "User",
      entityId: before.id,
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: { email: after.email, ...Object.fromEntries(changed.map((key) => [key, after[key]])), via: VIA },
    });
  }
  return after;
}

/** POST /Users: a new person (VIEWER until a mapped group says otherwise), or a deleted one back. */
export async function createScimUser(actor: Actor, body: unknown) {
  authorize(actor, "user:admin");
  const fields = personFields(scimUserSchema.parse(body));
  const row = await prisma().$transaction(async (tx) => {
    const deleted = await tx.user.findFirst({ where: { email: fields.email, deprovisionedAt: { not: null } }, select: personSelect });
    if (deleted) return writePerson(tx, actor, deleted, fields, true);
    await assertFree(tx, fields);
    const user = await tx.user
      .create({
        data: { email: fields.email, name: fields.name, scimUserName: fields.userName, externalId: fields.externalId, active: fields.active ?? true },
        select: personSelect,
      })
      .catch(uniqueViolationAsConflict(fields));
    const after = { email: user.email, name: user.name, role: user.role, senior: false, active: user.active, canSignIn: false, githubLogin: null, scimUserName: user.scimUserName, externalId: user.externalId, via: VIA };
    await recordAudit(tx, actor, { action: "user.created", entity: "User", entityId: user.id, after });
    return user;
  });
  return userResource(toPerson(row));
}

/** PUT /Users/{id}: the person as the body describes them; an active flag left out is kept. */
export async function replaceScimUser(actor: Actor, id: string, body: unknown) {
  authorize(actor, "user:admin");
  const fields = personFields(scimUserSchema.parse(body));
  const row = await prisma().$transaction(async (tx) => writePerson(tx, actor, await visiblePerson(tx, id), fields));
  return userResource(toPerson(row));
}

/** PATCH /Users/{id}: the operations applied to the person's SCIM representation, then as a PUT. */
export async function patchScimUser(actor: Actor, id: string, body: unknown) {
  authorize(actor, "user:admin");
  const { Operations } = patchRequestSchema.parse(body);
  const row = await prisma().$transaction(async (tx) => {
    const before = await visiblePerson(tx, id);
    const current = userResource(toPerson(before));
    const patched = applyUserPatch({ schemas: [USER_SCHEMA], userName: current.userName, externalId: current.externalId, displayName: current.displayName, emails: current.emails, active: current.active }, Operations);
    return writePerson(tx, actor, before, personFields(scimUserSchema.parse(patched)));
  });
  return userResource(toPerson(row));
}

/** DELETE /Users/{id}: the person is deactivated for good, their tokens revoked and groups left. */
export async function deleteScimUser(actor: Actor, id: string): Promise<void> {
  authorize(actor, "user:admin");
  assertNotSelf(actor, id, "deleted");
  await prisma().$transaction(async (tx) => {
    const before = await visiblePerson(tx, id);
    const tokens = await tx.apiToken.findMany({ where: { userId: id }, select: { id: true, name: true } });
    await tx.apiToken.deleteMany({ where: { userId: id } });
    await tx.scimGroupMember.deleteMany({ where: { userId: id } });
    await tx.user.update({ where: { id }, data: { active: false, deprovisionedAt: new Date(), sessionVersion: { increment: 1 } } });
    const groups = before.scimGroups.map((membership) => membership.group.displayName);
    await recordAuditEvents(tx, [
      ...tokens.map((token) => ({ actor, action: "token.revoked", entity: "ApiToken", entityId: token.id, before: { userId: id, email: before.email, name: token.name }, after: { via: VIA } })),
      { actor, action: "user.deprovisioned", entity: "User", entityId: id, before: { active: before.active, groups }, after: { email: before.email, active: false, via: VIA } },
    ]);
  });
}

// ——— Groups ———

const groupSelect = {
  id: true,
  displayName: true,
  externalId: true,
  createdAt: true,
  members: { select: { user: { select: { id: true, email: true } } }, orderBy: { user: { email: "asc" } } },
} satisfies Prisma.ScimGroupSelect;
type GroupRow = Prisma.ScimGroupGetPayload<{ select: typeof groupSelect }>;

const toGroup = (row: GroupRow): ScimGroupRow => ({ ...row, members: row.members.map((member) => member.user) });

const GROUP_FILTERS = ["displayName", "externalId", "id"] as const;

function groupFilter(filter: string | undefined): Prisma.ScimGroupWhereInput {
  const eq = parseEqFilter(filter, GROUP_FILTERS);
  if (!eq) return {};
  if (eq.attribute === "displayName") return { displayName: { equals: eq.value, mode: "insensitive" } };
  return eq.attribute === "externalId" ? { externalId: eq.value } : { id: eq.value };
}

// Entra ID asks for groups without their members (excludedAttributes=members).
const withMembers = (query: Pick<ListQuery, "excludedAttributes">) => !(query.excludedAttributes ?? "").split(",").some((name) => name.trim().toLowerCase() === "members");

export async function listScimGroups(actor: Actor, query: ListQuery) {
  authorize(actor, "user:admin");
  const where = groupFilter(query.filter);
  const db = prisma();
  const [total, rows] = await Promise.all([
    db.scimGroup.count({ where }),
    query.count === 0 ? [] : db.scimGroup.findMany({ where, select: groupSelect, orderBy: [{ displayName: "asc" }], skip: query.startIndex - 1, take: query.count }),
  ]);
  return listResponse(rows.map((row) => groupResource(toGroup(row), { withMembers: withMembers(query) })), total, query.startIndex);
}

async function groupById(tx: Tx, id: string): Promise<GroupRow> {
  const row = await tx.scimGroup.findUnique({ where: { id }, select: groupSelect });
  if (!row) throw notFound("Group", id);
  return row;
}

export async function getScimGroup(actor: Actor, id: string, query: Pick<ListQuery, "excludedAttributes">) {
  authorize(actor, "user:admin");
  return groupResource(toGroup(await groupById(prisma(), id)), { withMembers: withMembers(query) });
}

async function assertGroupNameFree(tx: Tx, displayName: string, groupId?: string): Promise<void> {
  const holder = await tx.scimGroup.findFirst({ where: { displayName: { equals: displayName, mode: "insensitive" }, NOT: { id: groupId ?? "" } }, select: { id: true } });
  if (holder) throw uniqueness(`A group named ${displayName} already exists.`);
}

// Members are people SCIM can see; an unknown id is the provider's mistake, named in the answer.
async function membersByIds(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const people = await tx.user.findMany({ where: { id: { in: unique }, ...visible }, select: { id: true, email: true } });
  const missing = unique.filter((id) => !people.some((person) => person.id === id));
  if (missing.length) throw new ScimError(400, "invalidValue", `members: no user with id ${missing.slice(0, 5).join(", ")}`);
  return new Map(people.map((person) => [person.id, person.email]));
}

// A membership change of a mapped group gives each person it touched the role their mapped groups
// now give them (VIEWER when none does), audited; a group nobody mapped changes no role.
async function applyGroupRoles(tx: Tx, actor: Actor, userIds: readonly string[], map: GroupRoleMap): Promise<AuditEventInput[]> {
  if (userIds.length === 0) return [];
  const ids = [...new Set(userIds)];
  // Another group's change for the same people waits here until it commits, so the memberships read
  // next include it and the last writer's role is right. NO KEY UPDATE, in id order: the membership
  // rows' foreign keys hold KEY SHARE on these people, which FOR UPDATE would deadlock against.
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR NO KEY UPDATE`;
  const people = await tx.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, email: true, role: true, scimGroups: { select: { group: { select: { displayName: true } } } } },
  });
  const events: AuditEventInput[] = [];
  for (const person of people) {
    const groups = person.scimGroups.map((membership) => membership.group.displayName).sort();
    const role: Role = roleFromGroups(map, groups) ?? "VIEWER";
    if (role === person.role) continue;
    assertNotSelf(actor, person.id, "given another role");
    await tx.user.update({ where: { id: person.id }, data: { role } });
    events.push({ action: "user.updated", entity: "User", entityId: person.id, before: { role: person.role }, after: { email: person.email, role, groups, via: VIA } });
  }
  return events;
}

interface GroupWrite {
  displayName: string;
  externalId: string | null;
  members: string[];
}

// Writes the group as `next`, then the roles of the people whose mapped membership changed.
async function writeGroup(tx: Tx, actor: Actor, before: GroupRow | null, next: GroupWrite): Promise<GroupRow> {
  const map = groupRoleMap();
  await assertGroupNameFree(tx, next.displayName, before?.id);
  const emails = await membersByIds(tx, next.members);
  const previous = before?.members.map((member) => member.user) ?? [];
  const added = [...emails.keys()].filter((id) => !previous.some((member) => member.id === id));
  const removed = previous.filter((member) => !emails.has(member.id));
  const data = { displayName: next.displayName, externalId: next.externalId };
  const group = before ? await tx.scimGroup.update({ where: { id: before.id }, data, select: { id: true } }) : await tx.scimGroup.create({ data, select: { id: true } });
  if (removed.length) await tx.scimGroupMember.deleteMany({ where: { groupId: group.id, userId: { in: removed.map((member) => member.id) } } });
  if (added.length) await tx.scimGroupMember.createMany({ data: added.map((userId) => ({ groupId: group.id, userId })) });

  const roleBefore = before ? (roleOfGroup(map, before.displayName) ?? null) : null;
  const roleAfter = roleOfGroup(map, next.displayName) ?? null;
  // A rename that changes the group's role touches every member; otherwise only those who came or went.
  const touched = roleBefore !== roleAfter ? [...previous.map((member) => member.id), ...added] : [...added, ...removed.map((member) => member.id)];
  const roleEvents = roleBefore === null && roleAfter === null ? [] : await applyGroupRoles(tx, actor, touched, map);

  const groupEvent: AuditEventInput = before
    ? {
        action: "scim_group.updated",
        entity: "ScimGroup",
        entityId: group.id,
        before: { displayName: before.displayName, externalId: before.externalId, role: roleBefore, removed: removed.map((member) => member.email) },
        after: { displayName: next.displayName, externalId: next.externalId, role: roleAfter, added: added.map((id) => emails.get(id)), via: VIA },
      }
    : { action: "scim_group.created", entity: "ScimGroup", entityId: group.id, after: { displayName: next.displayName, externalId: next.externalId, role: roleAfter, members: [...emails.values()], via: VIA } };
  await recordAuditEvents(tx, [groupEvent, ...roleEvents].map((event) => ({ ...event, actor })));
  return groupById(tx, group.id);
}

const uniqueGroupName = (displayName: string) => (error: unknown): never => {
  if (isUniqueViolation(error)) throw uniqueness(`A group named ${displayName} already exists.`);
  throw error;
};

export async function createScimGroup(actor: Actor, body: unknown) {
  authorize(actor, "user:admin");
  const input = scimGroupSchema.parse(body);
  const next = { displayName: input.displayName, externalId: input.externalId || null, members: (input.members ?? []).map((member) => member.value) };
  const row = await prisma()
    .$transaction((tx) => writeGroup(tx, actor, null, next))
    .catch(uniqueGroupName(next.displayName));
  return groupResource(toGroup(row));
}

/** PUT /Groups/{id}; members left out are kept (a provider renaming a group need not list them). */
export async function replaceScimGroup(actor: Actor, id: string, body: unknown) {
  authorize(actor, "user:admin");
  const input = scimGroupSchema.parse(body);
  const row = await prisma()
    .$transaction(async (tx) => {
      const before = await groupById(tx, id);
      const members = input.members ? input.members.map((member) => member.value) : before.members.map((member) => member.user.id);
      return writeGroup(tx, actor, before, { displayName: input.displayName, externalId: input.externalId || null, members });
    })
    .catch(uniqueGroupName(input.displayName));
  return groupResource(toGroup(row));
}

export async function patchScimGroup(actor: Actor, id: string, body: unknown) {
  authorize(actor, "user:admin");
  const changes = groupChanges(patchRequestSchema.parse(body).Operations);
  const row = await prisma()
    .$transaction(async (tx) => {
      const before = await groupById(tx, id);
      const members = new Set(changes.removeAll ? [] : (changes.members ?? before.members.map((member) => member.user.id)));
      for (const userId of changes.add) members.add(userId);
      for (const userId of changes.remove) members.delete(userId);
      const next = { displayName: changes.displayName ?? before.displayName, externalId: changes.externalId === undefined ? before.externalId : changes.externalId, members: [...members] };
      return writeGroup(tx, actor, before, next);
    })
    .catch(uniqueGroupName(changes.displayName ?? ""));
  return groupResource(toGroup(row));
}

export async function deleteScimGroup(actor: Actor, id: string): Promise<void> {
  authorize(actor, "user:admin");
  await prisma().$transaction(async (tx) => {
    const before = await groupById(tx, id);
    const map = groupRoleMap();
    const role = roleOfGroup(map, before.displayName) ?? null;
    await tx.scimGroup.delete({ where: { id } });
    const roleEvents = role === null ? [] : await applyGroupRoles(tx, actor, before.members.map((member) => member.user.id), map);
    const groupEvent: AuditEventInput = { action: "scim_group.deleted", entity: "ScimGroup", entityId: id, before: { displayName: before.displayName, role, members: before.members.map((member) => member.user.email) }, after: { via: VIA } };
    await recordAuditEvents(tx, [groupEvent, ...roleEvents].map((event) => ({ ...event, actor })));
  });
}
