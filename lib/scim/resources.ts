// The register's people and groups as SCIM resources (RFC 7643), and the discovery documents that
// tell an identity provider what this service supports.
import { registerUrl } from "@/lib/notifications/events";
import { GROUP_SCHEMA, LIST_SCHEMA, MAX_PAGE, USER_SCHEMA } from "./schemas";

export const scimBaseUrl = () => `${registerUrl()}/scim/v2`;

export interface ScimPerson {
  id: string;
  email: string;
  name: string;
  active: boolean;
  scimUserName: string | null;
  externalId: string | null;
  createdAt: Date;
  groups: { id: string; displayName: string }[];
}

export interface ScimGroupRow {
  id: string;
  displayName: string;
  externalId: string | null;
  createdAt: Date;
  members: { id: string; email: string }[];
}

// A person the register knew before provisioning has no SCIM userName yet: their email stands for it.
export function userResource(person: ScimPerson) {
  const base = scimBaseUrl();
  return {
    schemas: [USER_SCHEMA],
    id: person.id,
    ...(person.externalId && { externalId: person.externalId }),
    userName: person.scimUserName ?? person.email,
    name: { formatted: person.name },
    displayName: person.name,
    emails: [{ value: person.email, type: "work", primary: true }],
    active: person.active,
    groups: person.groups.map((group) => ({ value: group.id, display: group.displayName, $ref: `${base}/Groups/${group.id}` })),
    meta: { resourceType: "User", created: person.createdAt.toISOString(), location: `${base}/Users/${person.id}` },
  };
}

export function groupResource(group: ScimGroupRow, { withMembers = true } = {}) {
  const base = scimBaseUrl();
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId && { externalId: group.externalId }),
    displayName: group.displayName,
    ...(withMembers && { members: group.members.map((member) => ({ value: member.id, display: member.email, $ref: `${base}/Users/${member.id}` })) }),
    meta: { resourceType: "Group", created: group.createdAt.toISOString(), location: `${base}/Groups/${group.id}` },
  };
}

export function listResponse<T>(resources: T[], totalResults: number, startIndex: number) {
  return { schemas: [LIST_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}

export function serviceProviderConfig() {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: `${registerUrl()}/api-docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: "oauthbearertoken", name: "Bearer token", description: "A SCIM token an admin issues on the People page (scope: SCIM provisioning only)", primary: true },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${scimBaseUrl()}/ServiceProviderConfig` },
  };
}

const RESOURCE_TYPES = [
  { id: "User", name: "User", endpoint: "/Users", description: "A person of the register", schema: USER_SCHEMA },
  { id: "Group", name: "Group", endpoint: "/Groups", description: "A group; SCIM_GROUP_ROLE_MAP maps its display name to a role", schema: GROUP_SCHEMA },
] as const;

export function resourceTypes() {
  return listResponse(
    RESOURCE_TYPES.map((type) => ({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
      ...type,
      meta: { resourceType: "ResourceType", location: `${scimBaseUrl()}/ResourceTypes/${type.id}` },
    })),
    RESOURCE_TYPES.length,
    1,
  );
}

const attribute = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

const SCHEMAS = [
  {
    id: USER_SCHEMA,
    name: "User",
    description: "A person of the register; attributes not listed here are accepted and not kept",
    attributes: [
      attribute("userName", "string", { required: true, uniqueness: "server" }),
      attribute("externalId", "string", { caseExact: true }),
      attribute("displayName", "string"),
      attribute("name", "complex", { subAttributes: [attribute("formatted", "string"), attribute("givenName", "string"), attribute("familyName", "string")] }),
      attribute("emails", "complex", { multiValued: true, subAttributes: [attribute("value", "string"), attribute("type", "string"), attribute("primary", "boolean")] }),
      attribute("active", "boolean"),
      attribute("groups", "complex", { multiValued: true, mutability: "readOnly", subAttributes: [attribute("value", "string"), attribute("display", "string")] }),
    ],
  },
  {
    id: GROUP_SCHEMA,
    name: "Group",
    description: "A group of people; a mapped one gives its members a role",
    attributes: [
      attribute("displayName", "string", { required: true, uniqueness: "server" }),
      attribute("externalId", "string", { caseExact: true }),
      attribute("members", "complex", { multiValued: true, subAttributes: [attribute("value", "string", { mutability: "immutable" }), attribute("display", "string")] }),
    ],
  },
];

export function schemas() {
  return listResponse(
    SCHEMAS.map((schema) => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"], ...schema, meta: { resourceType: "Schema", location: `${scimBaseUrl()}/Schemas/${schema.id}` } })),
    SCHEMAS.length,
    1,
  );
}
