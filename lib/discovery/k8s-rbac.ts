// Kubernetes RBAC manifests → accesses. A ServiceAccount annotated `genai-register/tool: <slug>` is a
// tool's own credential; every RoleBinding or ClusterRoleBinding naming it (directly or through the
// system:serviceaccounts groups) lends it a (Cluster)Role, whose rules' verbs on resources give the
// capabilities. Manifests may be spread over many files and documents, so all are read together.
// Rules: rules/k8s-rbac.ts.
import { isMap, type YAMLMap } from "yaml";
import { autonomyDetail, autonomyRule } from "./rules/autonomy";
import { changesSomething, sortCapabilities } from "./rules/capabilities";
import { BUILTIN_CLUSTER_ROLES, RBAC_KINDS, RBAC_RULES, READ_VERBS, TOOL_ANNOTATION, WILDCARD_RULE, type RbacRule } from "./rules/k8s-rbac";
import { emptyResult, type Evidence, type SourceFile, type SourceResult, type UnknownEntry } from "./types";
import { parseYaml, YamlLines } from "./yaml";

const CONNECTOR = "k8s-rbac" as const;

const KIND_LINE = new RegExp(`^\\s*kind:\\s*["']?(${RBAC_KINDS.join("|")}|List)["']?\\s*$`, "m");

/** A YAML file worth parsing as RBAC: it declares one of the RBAC kinds and is not a Helm template. */
export function looksLikeRbac(file: SourceFile): boolean {
  if (!/\.ya?ml$/i.test(file.path)) return false;
  if (/(^|\/)templates\//.test(file.path) && file.text.includes("{{")) return false;
  return KIND_LINE.test(file.text);
}

interface Located {
  file: string;
  line: number;
}

interface ServiceAccount extends Located {
  name: string;
  namespace: string;
  tool: string;
}

interface RoleRule extends Located {
  verbs: string[];
  resources: string[];
}

interface Role extends Located {
  kind: "Role" | "ClusterRole";
  name: string;
  namespace: string;
  rules: RoleRule[];
}

interface Binding extends Located {
  kind: "RoleBinding" | "ClusterRoleBinding";
  name: string;
  namespace: string;
  roleRef: { kind: string; name: string; line: number };
  subjects: { kind: string; name: string; namespace?: string }[];
}

export function scanRbac(files: readonly SourceFile[]): SourceResult {
  const result = emptyResult();
  const accounts: ServiceAccount[] = [];
  const roles = new Map<string, Role>();
  const bindings: Binding[] = [];

  for (const file of files) {
    const parsed = parseYaml(file.path, file.text);
    result.errors.push(...parsed.errors);
    for (const doc of parsed.docs) {
      const y = new YamlLines(doc, parsed.lineCounter);
      const root = y.map(doc.contents);
      const objects = root && y.string(root, "kind") === "List" ? y.items(y.get(root, "items")).map((item) => y.map(item)) : [root];
      for (const object of objects) if (object) collect(file.path, y, object, { accounts, roles, bindings });
    }
  }

  for (const account of accounts) {
    for (const binding of bindings) {
      if (!binds(binding, account)) continue;
      scanBinding(account, binding, roles, result);
    }
  }
  return result;
}

function collect(file: string, y: YamlLines, object: YAMLMap, into: { accounts: ServiceAccount[]; roles: Map<string, Role>; bindings: Binding[] }): void {
  const kind = y.string(object, "kind");
  const metadata = y.map(y.get(object, "metadata"));
  const name = y.string(metadata, "name") ?? "";
  const namespace = y.string(metadata, "namespace") ?? "default";
  const line = y.line(object);
  if (kind === "ServiceAccount") {
    const annotations = y.map(y.get(metadata, "annotations"));
    const tool = y.string(annotations, TOOL_ANNOTATION);
    if (tool) into.accounts.push({ file, line: y.keyLine(annotations, TOOL_ANNOTATION), name, namespace, tool });
  } else if (kind === "Role" || kind === "ClusterRole") {
    const rules = y.items(y.get(object, "rules")).flatMap((node) => {
      const rule = y.map(node);
      if (!rule || !isMap(rule)) return [];
      return [{ file, line: y.keyLine(rule, "verbs"), verbs: y.strings(y.get(rule, "verbs")).map((s) => s.value), resources: y.strings(y.get(rule, "resources")).map((s) => s.value) }];
    });
    into.roles.set(roleKey(kind, kind === "Role" ? namespace : "", name), { file, line, kind, name, namespace, rules });
  } else if (kind === "RoleBinding" || kind === "ClusterRoleBinding") {
    const roleRef = y.map(y.get(object, "roleRef"));
    const subjects = y.items(y.get(object, "subjects")).flatMap((node) => {
      const subject = y.map(node);
      return subject ? [{ kind: y.string(subject, "kind") ?? "", name: y.string(subject, "name") ?? "", namespace: y.string(subject, "namespace") }] : [];
    });
    into.bindings.push({
      file,
      line,
      kind,
      name,
      namespace,
      roleRef: { kind: y.string(roleRef, "kind") ?? "", name: y.string(roleRef, "name") ?? "", line: y.keyLine(object, "roleRef") },
      subjects,
    });
  }
}

const roleKey = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

function binds(binding: Binding, account: ServiceAccount): boolean {
  // A RoleBinding only lends its role inside its own namespace, whoever the subject is.
  return binding.subjects.some((subject) => {
    if (subject.kind === "ServiceAccount") {
      const namespace = subject.namespace ?? (binding.kind === "RoleBinding" ? binding.namespace : undefined);
      return subject.name === account.name && namespace === account.namespace;
    }
    return subject.kind === "Group" && (subject.name === "system:serviceaccounts" || subject.name === `system:serviceaccounts:${account.namespace}`);
  });
}

/** Capabilities of one RBAC rule, and the write verbs on resources that no row covers. */
export function ruleCapabilities(verbs: string[], resources: string[]): { capabilities: string[]; reasons: string[]; uncovered: string[] } {
  const capabilities: string[] = [];
  const reasons: string[] = [];
  const anyVerb = verbs.includes("*");
  const anyResource = resources.includes("*");
  if (anyVerb && anyResource) {
    capabilities.push(...WILDCARD_RULE.capabilities);
    reasons.push(WILDCARD_RULE.reason);
  }
  const rows: readonly RbacRule[] = RBAC_RULES;
  for (const row of rows) {
    const verbMatch = anyVerb || row.verbs.some((verb) => verbs.includes(verb));
    const resourceMatch = !row.resources || anyResource || row.resources.some((resource) => resources.includes(resource));
    if (verbMatch && resourceMatch) {
      capabilities.push(...row.capabilities);
      reasons.push(row.reason);
    }
  }
  const uncovered: string[] = [];
  for (const verb of anyVerb ? ["*"] : verbs) {
    if ((READ_VERBS as readonly string[]).includes(verb)) continue;
    for (const resource of resources) {
      if (resource === "*") continue;
      const covered = rows.some((row) => (verb === "*" || row.verbs.includes(verb)) && (!row.resources || row.resources.includes(resource)));
      if (!covered) uncovered.push(`${verb} on ${resource}`);
    }
  }
  return { capabilities: sortCapabilities(capabilities), reasons: [...new Set(reasons)], uncovered };
}

function scanBinding(account: ServiceAccount, binding: Binding, roles: Map<string, Role>, result: SourceResult): void {
  const ev = (at: Located, detail: string): Evidence => ({ connector: CONNECTOR, file: at.file, line: at.line, detail });
  const subject = `ServiceAccount ${account.namespace}/${account.name}`;
  const clusterWide = binding.kind === "ClusterRoleBinding";
  const bindingAt = { file: binding.file, line: binding.roleRef.line };
  const evidence: Evidence[] = [
    ev(account, `${subject} is annotated ${TOOL_ANNOTATION}: ${account.tool}`),
    ev(bindingAt, `${binding.kind} ${clusterWide ? "" : `${binding.namespace}/`}${binding.name} binds ${subject} to ${binding.roleRef.kind} ${binding.roleRef.name}${clusterWide ? " in every namespace" : ""}`),
  ];
  const capabilities: string[] = [];
  const unknown: UnknownEntry[] = [];

  const ref = binding.roleRef;
  const role =
    ref.kind === "Role" ? roles.get(roleKey("Role", binding.namespace, ref.name)) : ref.kind === "ClusterRole" ? roles.get(roleKey("ClusterRole", "", ref.name)) : undefined;
  const builtin = ref.kind === "ClusterRole" && !role ? BUILTIN_CLUSTER_ROLES.find((r) => r.name === ref.name) : undefined;
  if (role) {
    for (const rule of role.rules) {
      const reach = ruleCapabilities(rule.verbs, rule.resources);
      for (const value of reach.uncovered) {
        unknown.push({ kind: "rbac-rule", value, file: rule.file, line: rule.line, detail: `${role.kind} ${role.name}, bound to ${account.tool}: no rule says what it reaches` });
      }
      if (reach.capabilities.length === 0) continue;
      capabilities.push(...reach.capabilities);
      evidence.push(ev(rule, `${role.kind} ${role.name}: ${rule.verbs.join(", ")} on ${rule.resources.join(", ")} (${reach.reasons.join("; ")}): ${reach.capabilities.join(", ")}`));
    }
  } else if (builtin) {
    capabilities.push(...builtin.capabilities);
    evidence.push(ev(bindingAt, `ClusterRole ${builtin.name} is a built-in role (${builtin.reason}): ${builtin.capabilities.join(", ")}`));
  } else {
    result.unknown.push({ kind: "role", value: `${ref.kind}/${ref.name}`, file: binding.file, line: ref.line, detail: `bound to ${account.tool}, but not found among the scanned manifests` });
    return;
  }
  result.unknown.push(...unknown);

  const caps = sortCapabilities(capabilities);
  const ruleId = changesSomething(caps) ? "rbac-write" : "rbac-read-only";
  evidence.push(ev(bindingAt, `${subject}: ${autonomyDetail(ruleId)}`));
  const namespace = clusterWide ? account.namespace : binding.namespace;
  result.accesses.push({
    connector: CONNECTOR,
    product: account.tool,
    refs: [account.tool],
    environmentKeys: [{ kind: "k8s-namespace", value: namespace, line: bindingAt.line }],
    file: account.file,
    line: account.line,
    autonomy: autonomyRule(ruleId).autonomy,
    capabilities: caps,
    evidence,
  });
}
