// Discovery's throughput: generates workflow files in memory (by default a fifth run an agent action,
// the rest are ordinary CI, as in a large organisation) and times one scan over all of them.
// `tsx scripts/bench-discovery.ts [count] [agentEvery]` prints files/s (agentEvery 1: every file runs
// an agent, the worst case, since only those are parsed); benchDiscovery() is for `npm run bench`.
import { pathToFileURL } from "node:url";
import type { DiscoveryConfig } from "../lib/discovery/config";
import { discover } from "../lib/discovery/scan";
import type { SourceFile } from "../lib/discovery/types";

const AGENTS = ["anthropics/claude-code-action@v1", "openai/codex-action@v1", "google-github-actions/run-gemini-cli@v0"];
const PERMISSIONS = ["contents: read", "contents: write", "pull-requests: write", "actions: write", "id-token: write"];

export function generateWorkflows(count: number, agentEvery = 5): SourceFile[] {
  return Array.from({ length: count }, (_, i) => {
    const agent = i % agentEvery === 0 ? AGENTS[i % AGENTS.length] : undefined;
    const permissions = PERMISSIONS.filter((_, p) => (i >> p) & 1).map((line) => `      ${line}`);
    const text = [
      `name: Workflow ${i}`,
      "on:",
      i % 3 === 0 ? "  workflow_dispatch:" : "  pull_request:\n    types: [opened, synchronize]",
      "jobs:",
      "  build:",
      "    runs-on: ubuntu-latest",
      ...(i % 7 === 0 ? [`    environment: ${i % 2 ? "production" : "staging"}`] : []),
      ...(permissions.length ? ["    permissions:", ...permissions] : []),
      "    steps:",
      "      - uses: actions/checkout@v4",
      "      - uses: actions/setup-node@v4",
      "        with:",
      "          node-version: 22",
      "      - run: |",
      "          npm ci",
      "          npm test",
      ...(agent ? ["      - name: Agent", `        uses: ${agent}`, "        with:", "          github_token: ${{ secrets.GITHUB_TOKEN }}", "          prompt: Fix the failing tests"] : []),
      "",
    ].join("\n");
    return { path: `repo-${Math.floor(i / 20)}/.github/workflows/workflow-${i}.yml`, text };
  });
}

const CONFIG: DiscoveryConfig = {
  tools: { "agent-a": ["claude-code"], "agent-b": ["openai/codex-action"] },
  environments: { production: ["github-env:production"], staging: ["github-env:staging", "path:**"] },
  capabilities: {},
  owners: {},
};

/**
 * Wall time decides the target; CPU time is printed too because on a shared machine the wall figure
 * mostly measures the neighbours.
 */
export function benchDiscovery(count = 10_000, agentEvery = 5): { files: number; ms: number; cpuMs: number; filesPerSecond: number; filesPerCpuSecond: number; observations: number } {
  const files = generateWorkflows(count, agentEvery);
  discover(files.slice(0, 200), CONFIG); // warm up the JIT on the same code path
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const result = discover(files, CONFIG);
  const cpu = process.cpuUsage(cpuStart);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    files: count,
    ms,
    cpuMs,
    filesPerSecond: Math.round((count / ms) * 1000),
    filesPerCpuSecond: Math.round((count / cpuMs) * 1000),
    observations: result.observations.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 10_000);
  const agentEvery = Number(process.argv[3] ?? 5);
  const { files, ms, cpuMs, filesPerSecond, filesPerCpuSecond, observations } = benchDiscovery(count, agentEvery);
  console.log(
    `discovery: scanned ${files} workflow files (1 in ${agentEvery} runs an agent) in ${ms.toFixed(0)} ms — ${filesPerSecond} files/s (target ≥ 2,000/s); ` +
      `${filesPerCpuSecond} files per CPU-second (${cpuMs.toFixed(0)} ms CPU); ${observations} observations`,
  );
}
