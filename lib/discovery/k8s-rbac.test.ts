import { describe, expect, it } from "vitest";
import { looksLikeRbac, ruleCapabilities, scanRbac } from "./k8s-rbac";
import { sortCapabilities } from "./rules/capabilities";
import { BUILTIN_CLUSTER_ROLES, RBAC_RULES } from "./rules/k8s-rbac";
import { fixture, lineOf } from "./test-helpers";

const PATH = "deploy/rbac.yaml";
const scan = (text: string, path = PATH) => scanRbac([{ path, text }]);

const account = (name = "agent", namespace = "tools", tool = "kiro-agent") =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  annotations:\n    genai-register/tool: ${tool}\n`;
const clusterRole = (name: string, rules: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\nrules:\n${rules}`;
const rule = (verbs: string[], resources: string[]) => `  - apiGroups: ["*"]\n    resources: ${JSON.stringify(resources)}\n    verbs: ${JSON.stringify(verbs)}\n`;
const clusterBinding = (role: string, subject = "  - kind: ServiceAccount\n    name: agent\n    namespace: tools\n") =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: bind-${role}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n${subject}`;
const docs = (...parts: string[]) => parts.join("---\n");

describe("Kubernetes RBAC manifests", () => {
  it("reads an annotated service account, its role binding and a binding to a built-in role", () => {
    const file = fixture("rbac.yaml", PATH);
    const result = scanRbac([file]);
    expect(result.errors).toEqual([]);
    expect(result.accesses.map((a) => [a.product, a.environmentKeys.map((k) => `${k.kind}:${k.value}`), a.autonomy, a.capabilities])).toEqual([
      ["shipwright", ["k8s-namespace:payments"], "AUTONOMOUS", ["deploy:run", "config:write", "secrets:read"]],
      ["shipwright", ["k8s-namespace:checkout"], "SUGGEST", ["logs:read"]],
    ]);
    const [payments] = result.accesses;
    expect(payments.line).toBe(lineOf(file.text, "genai-register/tool"));
    expect(payments.evidence.map((e) => e.line)).toEqual(
      expect.arrayContaining([lineOf(file.text, "genai-register/tool"), lineOf(file.text, 'verbs: ["get", "list", "watch", "patch", "update"]'), lineOf(file.text, 'verbs: ["get", "update"]')]),
    );
    expect(payments.evidence.some((e) => e.detail.startsWith("RoleBinding payments/ops-agent binds ServiceAccount payments/ops-agent to Role ops-agent"))).toBe(true);
    // Patching ingresses is a write no rule maps: reported, not dropped.
    expect(result.unknown).toEqual([
      { kind: "rbac-rule", value: "patch on ingresses", file: PATH, line: lineOf(file.text, 'verbs: ["get", "patch"]'), detail: expect.stringContaining("shipwright") },
    ]);
  });

  describe("every RBAC rule in the table, verb by verb", () => {
    const cases = RBAC_RULES.flatMap((row) => row.verbs.map((verb) => [`${verb} on ${row.resources[0]}`, verb, row] as const));
    it.each(cases)("%s", (_name, verb, row) => {
      const reach = ruleCapabilities([verb], [row.resources[0]]);
      expect(reach.capabilities).toEqual(expect.arrayContaining([...row.capabilities]));
      expect(reach.uncovered).toEqual([]);
      const result = scan(docs(account(), clusterRole("r", rule([verb], [row.resources[0]])), clusterBinding("r")));
      expect(result.accesses[0].capabilities).toEqual(sortCapabilities(reach.capabilities));
    });
  });

  it("reads `*` on `*` as iam:admin and all the rest, but `*` on one resource as that resource only", () => {
    const all = ruleCapabilities(["*"], ["*"]).capabilities;
    expect(all).toEqual(expect.arrayContaining(["iam:admin", "env:delete", "deploy:run", "config:write", "secrets:read", "logs:read", "data:delete"]));
    expect(ruleCapabilities(["*"], ["configmaps"]).capabilities).toEqual(["config:write"]);
    expect(ruleCapabilities(["*"], ["ingresses"]).uncovered).toEqual(["* on ingresses"]);
    expect(ruleCapabilities(["get", "list"], ["ingresses", "services"])).toEqual({ capabilities: [], reasons: [], uncovered: [] });
  });

  it.each(BUILTIN_CLUSTER_ROLES.map((role) => [role.name, role]))("knows the built-in ClusterRole %s, bound cluster-wide", (name, role) => {
    const text = docs(account(), clusterBinding(name));
    const [access] = scan(text).accesses;
    expect(access.capabilities).toEqual(sortCapabilities(role.capabilities));
    // Cluster-wide, the service account's own namespace is what the config maps.
    expect(access.environmentKeys).toEqual([{ kind: "k8s-namespace", value: "tools", line: lineOf(text, "roleRef:") }]);
    expect(access.evidence.some((e) => e.detail.includes("in every namespace"))).toBe(true);
  });

  it("follows the subjects: service accounts by namespace, and the service-account groups", () => {
    const binding = (namespace: string, subject: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: ${namespace}\nroleRef:\n  kind: ClusterRole\n  name: edit\nsubjects:\n${subject}`;
    const bound = (subject: string, namespace = "tools") => scan(docs(account(), binding(namespace, subject))).accesses.length;
    expect(bound("  - kind: ServiceAccount\n    name: agent\n")).toBe(1);
    expect(bound("  - kind: ServiceAccount\n    name: agent\n", "other")).toBe(0);
    expect(bound("  - kind: ServiceAccount\n    name: agent\n    namespace: tools\n", "other")).toBe(1);
    expect(bound("  - kind: Group\n    name: system:serviceaccounts:tools\n", "other")).toBe(1);
    expect(bound("  - kind: Group\n    name: system:serviceaccounts\n", "other")).toBe(1);
    expect(bound("  - kind: Group\n    name: system:serviceaccounts:elsewhere\n", "other")).toBe(0);
    expect(bound("  - kind: User\n    name: agent\n")).toBe(0);
    expect(scan(docs(account(), binding("apps", "  - kind: ServiceAccount\n    name: agent\n    namespace: tools\n"))).accesses[0].environmentKeys[0].value).toBe("apps");
  });

  it("resolves roles across files and documents, and ignores service accounts no one annotated", () => {
    const result = scanRbac([
      { path: "a/sa.yaml", text: account() + "---\n" + account("plain", "tools").replace(/  annotations:\n.*\n/, "") },
      { path: "b/role.yaml", text: clusterRole("deployer", rule(["patch"], ["deployments"])) },
      { path: "c/binding.yaml", text: clusterBinding("deployer") + "  - kind: ServiceAccount\n    name: plain\n    namespace: tools\n" },
    ]);
    expect(result.accesses.map((a) => [a.product, a.file, a.capabilities])).toEqual([["kiro-agent", "a/sa.yaml", ["deploy:run"]]]);
    expect(result.accesses[0].evidence.map((e) => e.file)).toEqual(expect.arrayContaining(["a/sa.yaml", "b/role.yaml", "c/binding.yaml"]));
  });

  it("reports a bound role it cannot find", () => {
    const text = docs(account(), clusterBinding("custom-operator"));
    const result = scan(text);
    expect(result.accesses).toEqual([]);
    expect(result.unknown).toEqual([{ kind: "role", value: "ClusterRole/custom-operator", file: PATH, line: lineOf(text, "roleRef:"), detail: expect.stringContaining("kiro-agent") }]);
  });

  it("reads kind: List", () => {
    const text = ["apiVersion: v1", "kind: List", "items:", ...[account(), clusterBinding("view")].map((d) => d.replace(/^/gm, "    ").replace(/^    /, "  - "))].join("\n");
    expect(scan(text).accesses.map((a) => a.capabilities)).toEqual([["logs:read"]]);
  });

  it("reports a broken document with its line and reads the other documents", () => {
    const broken = "apiVersion: v1\nkind: ConfigMap\ndata: [unclosed\n";
    const text = docs(account(), broken, clusterBinding("view"));
    const result = scan(text);
    expect(result.errors).toEqual([{ file: PATH, line: expect.any(Number), message: expect.stringContaining("not valid YAML") }]);
    expect(result.errors[0].line).toBeGreaterThanOrEqual(lineOf(text, "data: [unclosed"));
    expect(result.accesses).toHaveLength(1);
  });

  it("knows which YAML files are RBAC, and skips Helm templates", () => {
    expect(looksLikeRbac({ path: "k8s/rbac.yaml", text: account() })).toBe(true);
    expect(looksLikeRbac({ path: "k8s/rbac.yml", text: 'kind: "ClusterRoleBinding"\n' })).toBe(true);
    expect(looksLikeRbac({ path: "k8s/deploy.yaml", text: "kind: Deployment\n" })).toBe(false);
    expect(looksLikeRbac({ path: "chart/templates/sa.yaml", text: `${account()}  labels: {{ include "x" . }}\n` })).toBe(false);
    expect(looksLikeRbac({ path: "k8s/notes.txt", text: account() })).toBe(false);
  });
});
