// Rules for Kubernetes RBAC: a ServiceAccount annotated with the register's tool, the (Cluster)Roles
// bound to it, and what their verbs on resources amount to. API groups are not compared: the
// catalog's capabilities do not depend on them, and `apps/deployments` and `extensions/deployments`
// reach the same thing.
import type { CapabilityKey } from "./capabilities";

export const TOOL_ANNOTATION = "genai-register/tool";

const RBAC_DOC = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/";

export interface RbacRule {
  verbs: readonly string[];
  /** Omitted: any resource. */
  resources?: readonly string[];
  capabilities: readonly CapabilityKey[];
  reason: string;
}

const WORKLOADS = ["deployments", "statefulsets", "daemonsets", "replicasets", "pods", "jobs", "cronjobs", "deployments/scale", "statefulsets/scale"];
const WRITE = ["create", "update", "patch"];

/** Verbs and resources as Kubernetes names them: https://kubernetes.io/docs/reference/access-authn-authz/rbac/ */
export const RBAC_RULES = [
  { verbs: ["delete", "deletecollection"], resources: ["namespaces"], capabilities: ["env:delete"], reason: "deleting a namespace deletes everything in it" },
  { verbs: [...WRITE, "delete", "deletecollection"], resources: WORKLOADS, capabilities: ["deploy:run"], reason: "changes what runs" },
  { verbs: ["create"], resources: ["pods/exec", "pods/attach", "pods/eviction"], capabilities: ["deploy:run"], reason: "runs commands in, or evicts, running pods" },
  { verbs: [...WRITE, "delete"], resources: ["configmaps"], capabilities: ["config:write"], reason: "changes runtime configuration" },
  { verbs: ["get", "list", "watch"], resources: ["secrets"], capabilities: ["secrets:read"], reason: "reads secrets (list and watch return their values too)" },
  { verbs: [...WRITE], resources: ["secrets"], capabilities: ["secrets:read"], reason: "whoever writes a secret also controls its value" },
  { verbs: ["get"], resources: ["pods/log"], capabilities: ["logs:read"], reason: "reads container logs" },
  { verbs: ["delete", "deletecollection"], resources: ["persistentvolumeclaims", "persistentvolumes"], capabilities: ["data:delete"], reason: "deletes stored data" },
  { verbs: ["escalate", "bind"], resources: ["roles", "clusterroles"], capabilities: ["iam:admin"], reason: "grants itself or others more than it holds" },
  { verbs: ["impersonate"], resources: ["users", "groups", "serviceaccounts"], capabilities: ["iam:admin"], reason: "acts as another identity, with all it holds" },
  {
    verbs: [...WRITE, "delete"],
    resources: ["roles", "rolebindings", "clusterroles", "clusterrolebindings", "serviceaccounts", "serviceaccounts/token"],
    capabilities: ["iam:admin"],
    reason: "manages who may do what in the cluster",
  },
  { verbs: [...WRITE, "delete"], resources: ["nodes"], capabilities: ["deploy:run"], reason: "cordons, drains and changes nodes" },
] as const satisfies readonly RbacRule[];

/** `*` verbs on `*` resources: everything above, and control of RBAC itself. */
export const WILDCARD_RULE = { capabilities: ["iam:admin"] as const, reason: "every verb on every resource, RBAC included" };

/** Verbs that only read: a rule of these on resources no row names reaches nothing in the catalog. */
export const READ_VERBS = ["get", "list", "watch"] as const;

export interface BuiltinRole {
  name: string;
  capabilities: readonly CapabilityKey[];
  reason: string;
  doc: string;
}

/** Default user-facing ClusterRoles, bound by name without a manifest in the repository. */
export const BUILTIN_CLUSTER_ROLES = [
  {
    name: "cluster-admin",
    capabilities: ["iam:admin", "env:delete", "deploy:run", "config:write", "secrets:read", "logs:read", "data:delete"],
    reason: "super-user: every action on every resource",
    doc: `${RBAC_DOC}#user-facing-roles`,
  },
  {
    name: "admin",
    capabilities: ["iam:admin", "deploy:run", "config:write", "secrets:read", "logs:read", "data:delete"],
    reason: "read/write on most namespace resources, roles and role bindings included",
    doc: `${RBAC_DOC}#user-facing-roles`,
  },
  {
    name: "edit",
    capabilities: ["deploy:run", "config:write", "secrets:read", "logs:read", "data:delete"],
    reason: "read/write on most namespace resources, secrets included, but not roles",
    doc: `${RBAC_DOC}#user-facing-roles`,
  },
  { name: "view", capabilities: ["logs:read"], reason: "read-only on most namespace resources, not secrets", doc: `${RBAC_DOC}#user-facing-roles` },
] as const satisfies readonly BuiltinRole[];

export const RBAC_KINDS = ["ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"] as const;
