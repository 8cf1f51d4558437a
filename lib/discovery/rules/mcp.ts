// Rules for MCP server configs: which files (and which agent reads them), and what known servers can
// do. A server is known by its npm/PyPI package, its container image or its remote URL; what its
// connection string or URL points at gives the environment (matcher `host:GLOB`).
import type { CapabilityKey } from "./capabilities";

export interface McpFileRule {
  path: string;
  product: string;
  /** The key holding the servers. */
  key: "mcpServers" | "servers";
  reason: string;
  doc: string;
}

export const MCP_FILES = [
  { path: "**/.mcp.json", product: "claude-code", key: "mcpServers", reason: "Claude Code's project-scoped MCP servers", doc: "https://code.claude.com/docs/en/mcp" },
  { path: "**/.cursor/mcp.json", product: "cursor", key: "mcpServers", reason: "Cursor's project MCP servers", doc: "https://cursor.com/docs/context/mcp" },
  { path: "**/.vscode/mcp.json", product: "github-copilot", key: "servers", reason: "VS Code's workspace MCP servers, used by Copilot agent mode (JSONC)", doc: "https://code.visualstudio.com/docs/copilot/customization/mcp-servers" },
] as const satisfies readonly McpFileRule[];

/** When a server runs restricted (a flag, an env var, a URL), it holds these capabilities instead. */
export interface McpRestriction {
  args?: readonly string[];
  env?: Readonly<Record<string, readonly string[]>>;
  urls?: readonly string[];
  headers?: Readonly<Record<string, readonly string[]>>;
  capabilities: readonly CapabilityKey[];
  reason: string;
}

export interface McpServerRule {
  id: string;
  packages?: readonly string[];
  /** Image names without registry host or tag are compared by their path's end (`github/github-mcp-server`). */
  images?: readonly string[];
  /** Host and path prefix of a remote server's URL. */
  urls?: readonly string[];
  capabilities: readonly CapabilityKey[];
  /** Tried in order; the first that applies replaces `capabilities`. */
  restrictions?: readonly McpRestriction[];
  reason: string;
  doc: string;
}

const TRUE_VALUES = ["1", "true", "TRUE", "True", "yes"];

export const MCP_SERVERS = [
  {
    id: "github",
    packages: ["@modelcontextprotocol/server-github", "github-mcp-server"],
    images: ["github/github-mcp-server"],
    urls: ["api.githubcopilot.com/mcp"],
    capabilities: ["repo:read", "repo:write", "pr:create"],
    restrictions: [
      {
        args: ["--read-only"],
        env: { GITHUB_READ_ONLY: TRUE_VALUES },
        urls: ["api.githubcopilot.com/mcp/readonly"],
        headers: { "X-MCP-Readonly": TRUE_VALUES },
        capabilities: ["repo:read"],
        reason: "read-only mode offers only the read tools",
      },
    ],
    reason: "its default toolsets create branches, push files and open pull requests",
    doc: "https://github.com/github/github-mcp-server",
  },
  {
    id: "postgres",
    packages: ["@modelcontextprotocol/server-postgres"],
    images: ["mcp/postgres"],
    capabilities: ["db:read-pii"],
    reason: "runs read-only SQL over every table the connection's role can read, personal data included",
    doc: "https://github.com/modelcontextprotocol/servers-archived/tree/main/src/postgres",
  },
  {
    id: "supabase",
    packages: ["@supabase/mcp-server-supabase"],
    urls: ["mcp.supabase.com"],
    capabilities: ["db:migrate", "db:read-pii"],
    restrictions: [{ args: ["--read-only"], capabilities: ["db:read-pii"], reason: "read-only mode runs SQL as a read-only role and applies no migration" }],
    reason: "executes SQL and applies migrations",
    doc: "https://supabase.com/docs/guides/getting-started/mcp",
  },
  {
    id: "kubernetes",
    packages: ["kubernetes-mcp-server"],
    images: ["containers/kubernetes-mcp-server", "manusa/kubernetes_mcp_server"],
    capabilities: ["deploy:run", "env:delete", "logs:read", "secrets:read"],
    restrictions: [
      { args: ["--read-only"], capabilities: ["logs:read", "secrets:read"], reason: "read-only mode offers only get, list and logs, which reach secrets the kubeconfig user may read" },
      { args: ["--disable-destructive"], capabilities: ["deploy:run", "logs:read", "secrets:read"], reason: "no delete tools, but still creates and updates resources" },
    ],
    reason: "creates, updates and deletes any resource the kubeconfig's user may, and reads pod logs",
    doc: "https://github.com/containers/kubernetes-mcp-server",
  },
  {
    id: "kubernetes-flux159",
    packages: ["mcp-server-kubernetes"],
    capabilities: ["deploy:run", "env:delete", "logs:read", "secrets:read"],
    reason: "runs kubectl and helm operations, deletes included, with the local kubeconfig",
    doc: "https://github.com/Flux159/mcp-server-kubernetes",
  },
  {
    id: "aws-api",
    packages: ["awslabs.aws-api-mcp-server"],
    capabilities: ["iam:admin", "infra:apply", "data:delete", "secrets:read", "logs:read"],
    restrictions: [{ env: { READ_OPERATIONS_ONLY: TRUE_VALUES }, capabilities: ["secrets:read", "logs:read"], reason: "only read-only AWS CLI operations are allowed" }],
    reason: "runs any AWS CLI call the configured credentials allow",
    doc: "https://github.com/awslabs/mcp/tree/main/src/aws-api-mcp-server",
  },
  {
    id: "vault",
    images: ["hashicorp/vault-mcp-server"],
    capabilities: ["secrets:read"],
    reason: "reads (and writes) secrets in Vault's KV mounts",
    doc: "https://github.com/hashicorp/vault-mcp-server",
  },
  {
    id: "sentry",
    packages: ["@sentry/mcp-server"],
    urls: ["mcp.sentry.dev"],
    capabilities: ["logs:read"],
    reason: "reads errors, events and traces from production",
    doc: "https://docs.sentry.io/product/sentry-mcp/",
  },
  {
    id: "grafana",
    images: ["mcp/grafana", "grafana/mcp-grafana"],
    packages: ["mcp-grafana"],
    capabilities: ["logs:read"],
    reason: "queries dashboards, Prometheus and Loki",
    doc: "https://github.com/grafana/mcp-grafana",
  },
  {
    id: "filesystem",
    packages: ["@modelcontextprotocol/server-filesystem"],
    images: ["mcp/filesystem"],
    capabilities: [],
    reason: "local files only; nothing in the catalog",
    doc: "https://github.com/modelcontextprotocol/servers/tree/main/src/filesystem",
  },
  {
    id: "playwright",
    packages: ["@playwright/mcp"],
    images: ["mcr.microsoft.com/playwright/mcp"],
    capabilities: [],
    reason: "drives a local browser; nothing in the catalog",
    doc: "https://github.com/microsoft/playwright-mcp",
  },
] as const satisfies readonly McpServerRule[];

/** Env vars whose value is a host name (not a URL): PGHOST, DB_HOST, MYSQL_SERVER, … */
export const HOST_ENV_VARS = /(HOST|HOSTNAME|_SERVER)$/i;

/** Launchers whose first non-option argument is the server package (npx, uvx, …) or image (docker run). */
export const PACKAGE_LAUNCHERS = ["npx", "bunx", "pnpx", "uvx", "pipx"] as const;
export const IMAGE_LAUNCHERS = ["docker", "podman"] as const;
/** Options of those launchers that take a value, so the value is not mistaken for the package. */
export const LAUNCHER_OPTIONS_WITH_VALUE = [
  "-e", "--env", "-v", "--volume", "--name", "--network", "--net", "-p", "--publish", "--mount", "--env-file",
  "-w", "--workdir", "-u", "--user", "--entrypoint", "--platform", "--from", "--package", "--with", "--python",
] as const;
