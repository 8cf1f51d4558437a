// Shell commands an agent may run without asking (an allow-list entry such as Claude Code's
// `Bash(kubectl delete:*)` or Gemini CLI's `run_shell_command(git)`), by the words they start with.
// An allow entry that covers a row's words grants the row's capability: `kubectl delete:*` and
// `kubectl:*` both cover `kubectl delete`. Commands that only read or build locally are listed as
// reaching nothing; any other command is reported as unknown, for a reviewer to add here.
import type { CapabilityKey } from "./capabilities";

export interface CommandRule {
  /** The command's first words, separated by single spaces. */
  command: string;
  capabilities: readonly CapabilityKey[];
  reason: string;
}

export const COMMAND_RULES = [
  { command: "git push", capabilities: ["repo:write"], reason: "pushes commits to the remote" },
  { command: "git fetch", capabilities: ["repo:read"], reason: "reads the remote" },
  { command: "git pull", capabilities: ["repo:read"], reason: "reads the remote" },
  { command: "git clone", capabilities: ["repo:read"], reason: "reads a remote repository" },
  { command: "gh pr create", capabilities: ["pr:create"], reason: "opens a pull request" },
  { command: "gh pr merge", capabilities: ["repo:write"], reason: "merges a pull request into its base branch" },
  { command: "gh workflow run", capabilities: ["ci:run"], reason: "starts a workflow" },
  { command: "gh run rerun", capabilities: ["ci:run"], reason: "re-runs a workflow" },
  { command: "gh secret", capabilities: ["secrets:read"], reason: "manages repository secrets" },
  { command: "kubectl delete", capabilities: ["env:delete"], reason: "deletes cluster objects, namespaces included" },
  { command: "kubectl apply", capabilities: ["deploy:run"], reason: "changes what runs on the cluster" },
  { command: "kubectl create", capabilities: ["deploy:run"], reason: "creates cluster objects" },
  { command: "kubectl patch", capabilities: ["deploy:run"], reason: "changes cluster objects in place" },
  { command: "kubectl rollout", capabilities: ["deploy:run"], reason: "restarts or rolls back workloads" },
  { command: "kubectl scale", capabilities: ["deploy:run"], reason: "changes how many replicas run" },
  { command: "kubectl set", capabilities: ["deploy:run"], reason: "changes images and settings of workloads" },
  { command: "kubectl drain", capabilities: ["deploy:run"], reason: "evicts every pod from a node" },
  { command: "kubectl logs", capabilities: ["logs:read"], reason: "reads container logs" },
  { command: "kubectl get secret", capabilities: ["secrets:read"], reason: "reads secrets" },
  { command: "kubectl get secrets", capabilities: ["secrets:read"], reason: "reads secrets" },
  { command: "helm install", capabilities: ["infra:apply"], reason: "applies a chart" },
  { command: "helm upgrade", capabilities: ["infra:apply"], reason: "applies a chart" },
  { command: "helm uninstall", capabilities: ["env:delete"], reason: "removes a release and its objects" },
  { command: "helm rollback", capabilities: ["deploy:run"], reason: "rolls a release back" },
  { command: "terraform apply", capabilities: ["infra:apply"], reason: "applies an infrastructure plan" },
  { command: "terraform destroy", capabilities: ["env:delete"], reason: "destroys every resource in the state" },
  { command: "terraform import", capabilities: ["infra:apply"], reason: "changes the state" },
  { command: "terraform state", capabilities: ["infra:apply"], reason: "edits the state directly" },
  { command: "tofu apply", capabilities: ["infra:apply"], reason: "applies an infrastructure plan (OpenTofu)" },
  { command: "tofu destroy", capabilities: ["env:delete"], reason: "destroys every resource in the state (OpenTofu)" },
  { command: "pulumi up", capabilities: ["infra:apply"], reason: "applies a stack" },
  { command: "pulumi destroy", capabilities: ["env:delete"], reason: "destroys a stack" },
  { command: "aws iam", capabilities: ["iam:admin"], reason: "manages users, roles and policies" },
  { command: "aws s3 rm", capabilities: ["data:delete"], reason: "deletes objects" },
  { command: "aws s3 rb", capabilities: ["data:delete"], reason: "deletes buckets" },
  { command: "aws secretsmanager get-secret-value", capabilities: ["secrets:read"], reason: "reads a secret" },
  { command: "aws logs", capabilities: ["logs:read"], reason: "reads CloudWatch logs" },
  { command: "gcloud iam", capabilities: ["iam:admin"], reason: "manages roles and service accounts" },
  { command: "gcloud projects add-iam-policy-binding", capabilities: ["iam:admin"], reason: "grants roles on a project" },
  { command: "gcloud secrets versions access", capabilities: ["secrets:read"], reason: "reads a secret" },
  { command: "gcloud storage rm", capabilities: ["data:delete"], reason: "deletes objects" },
  { command: "gsutil rm", capabilities: ["data:delete"], reason: "deletes objects" },
  { command: "az role assignment", capabilities: ["iam:admin"], reason: "grants roles" },
  { command: "vault read", capabilities: ["secrets:read"], reason: "reads a secret" },
  { command: "vault kv get", capabilities: ["secrets:read"], reason: "reads a secret" },
  { command: "psql", capabilities: ["db:read-pii"], reason: "queries any table the role can, personal data included" },
  { command: "mysql", capabilities: ["db:read-pii"], reason: "queries any table the user can, personal data included" },
  { command: "prisma migrate deploy", capabilities: ["db:migrate"], reason: "applies schema migrations" },
  { command: "npx prisma migrate deploy", capabilities: ["db:migrate"], reason: "applies schema migrations" },
  { command: "alembic upgrade", capabilities: ["db:migrate"], reason: "applies schema migrations" },
  { command: "flyway migrate", capabilities: ["db:migrate"], reason: "applies schema migrations" },
  { command: "rails db:migrate", capabilities: ["db:migrate"], reason: "applies schema migrations" },
  { command: "docker push", capabilities: ["deploy:run"], reason: "publishes an image that deployments pull" },
] as const satisfies readonly CommandRule[];

/** Commands reviewed as reaching nothing in the catalog: local reads, builds and tests. */
export const LOCAL_COMMANDS = [
  "git status", "git diff", "git log", "git show", "git add", "git commit", "git checkout", "git switch",
  "git branch", "git stash", "git restore", "git rev-parse", "git blame", "git grep",
  "gh pr view", "gh pr diff", "gh pr list", "gh issue view", "gh issue list", "gh run view", "gh run list",
  "ls", "cat", "head", "tail", "wc", "grep", "rg", "find", "echo", "pwd", "mkdir", "touch", "diff", "sort", "jq",
  "npm test", "npm run test", "npm run lint", "npm run build", "npm run typecheck", "npm ci", "npm install",
  "pnpm test", "pnpm lint", "pnpm build", "pnpm install", "yarn test", "yarn lint", "yarn build",
  "npx tsc", "npx eslint", "npx prettier", "npx vitest", "npx jest", "tsc", "eslint", "prettier",
  "pytest", "go test", "go build", "go vet", "cargo test", "cargo build", "cargo check", "make test",
  "kubectl get", "kubectl describe", "terraform plan", "terraform validate", "terraform fmt", "helm template", "helm lint",
] as const;
