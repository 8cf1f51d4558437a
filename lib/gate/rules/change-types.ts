// What kind of change a deployment is, from the paths it changes; the riskiest path decides
// (SCHEMA > INFRA > CONFIG > CODE, the order of the policy's CHANGE_TYPES). Globs as in discovery.
import type { ChangeType } from "@/lib/policy/types";

export interface ChangeTypeRule {
  type: Exclude<ChangeType, "CODE">;
  glob: string;
  reason: string;
}

export const CHANGE_TYPE_RULES: readonly ChangeTypeRule[] = [
  { type: "SCHEMA", glob: "**/migrations/**", reason: "database migrations (Prisma, Rails, Django, Flyway's db/migration…)" },
  { type: "SCHEMA", glob: "**/migration/**", reason: "Flyway's db/migration and similar" },
  { type: "SCHEMA", glob: "**/*.sql", reason: "SQL run against a database" },
  { type: "SCHEMA", glob: "**/schema.prisma", reason: "the Prisma schema" },
  { type: "INFRA", glob: "**/*.tf", reason: "Terraform" },
  { type: "INFRA", glob: "**/*.tfvars", reason: "Terraform variables" },
  { type: "INFRA", glob: "**/Chart.yaml", reason: "a Helm chart" },
  { type: "INFRA", glob: "**/charts/**", reason: "Helm charts" },
  { type: "INFRA", glob: "**/k8s/**", reason: "Kubernetes manifests" },
  { type: "INFRA", glob: "**/kubernetes/**", reason: "Kubernetes manifests" },
  { type: "INFRA", glob: "**/kustomization.yaml", reason: "Kustomize" },
  { type: "INFRA", glob: "**/Dockerfile", reason: "the image the service runs in" },
  { type: "CONFIG", glob: "**/*.{yml,yaml,json,toml,ini,env,properties,conf}", reason: "configuration files" },
  { type: "CONFIG", glob: "**/.github/workflows/**", reason: "CI/CD workflows" },
];
