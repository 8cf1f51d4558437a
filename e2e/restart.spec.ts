// `npm start` with the embedded database, killed without warning and started again: the server must
// not outlive the process hosting its database (else it keeps the port, answers 500s, and the next
// start fails with EADDRINUSE), and everything written before the kill must still be there. This runs
// an instance of its own (own port, own DATA_DIR), beside the suite's web server; it needs the build.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

const TOKEN = "restart-test-token";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `check` holds, every 250 ms, failing after `timeoutMs`. */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const portInUse = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

const healthy = (base: string) => () =>
  fetch(`${base}/api/v1/health`)
    .then((r) => r.ok)
    .catch(() => false);

/** Running: listed by ps and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    return !execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim().startsWith("Z");
  } catch {
    return false;
  }
}

/**
 * The database host (the node process running start.ts under npx and tsx) started as `root`, and the
 * Next.js server it spawned (which renames itself "next-server").
 */
function serverProcesses(root: number): { host: number; next: number } {
  const table = execFileSync("ps", ["-ww", "-eo", "pid=,ppid=,args="], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [pid, ppid, ...args] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), command: args.join(" ") };
    });
  const descendants = new Set([root]);
  for (let size = 0; size !== descendants.size; ) {
    size = descendants.size;
    for (const p of table) if (descendants.has(p.ppid)) descendants.add(p.pid);
  }
  const host = table.find((p) => descendants.has(p.pid) && p.command.includes("scripts/start.ts") && p.command.includes("tsx/dist/loader"));
  const next = host && table.find((p) => p.ppid === host.pid && p.command.startsWith("next-server"));
  if (!host || !next) throw new Error(`No database host with a Next.js server under pid ${root}`);
  return { host: host.pid, next: next.pid };
}

test.describe("npm start with the embedded database", () => {
  test.setTimeout(300_000);

  const started: ChildProcess[] = [];
  const servers: number[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), "grr-restart-"));
  let port = 0;
  let base = "";

  function start(): number {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, BOOTSTRAP_API_TOKEN: TOKEN, NEXT_TELEMETRY_DISABLED: "1" };
    // The suite's own database settings are not this instance's: it hosts the embedded one.
    delete env.DATABASE_URL;
    delete env.EMBEDDED_DATABASE;
    delete env.AUTH_SECRET;
    // Its own process group, so that whatever is left of it can be stopped at the end.
    const child = spawn("npx", ["tsx", "scripts/start.ts", "--no-build"], { env, stdio: "ignore", detached: true });
    started.push(child);
    return child.pid!;
  }

  test.beforeAll(async () => {
    port = await freePort();
    base = `http://localhost:${port}`;
  });

  test.afterAll(() => {
    for (const child of started) {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // That group has already exited.
      }
    }
    // A server that outlived its host (the defect this guards against) has left the group.
    for (const pid of servers) if (alive(pid)) process.kill(pid, "SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("a SIGKILL of the database host stops the server too; the next start serves every earlier write", async () => {
    const firstRoot = start();
    await waitFor("the first start to answer /api/v1/health", healthy(base), 180_000);
    const team = `Restart team ${Date.now()}`;
    const created = await fetch(`${base}/api/v1/teams`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: team, description: "Written before the kill." }),
    });
    expect(created.status).toBe(201);

    const first = serverProcesses(firstRoot);
    servers.push(first.next);
    process.kill(first.host, "SIGKILL");
    await waitFor("the server to exit and release the port", async () => !alive(first.next) && !(await portInUse(port)), 20_000);

    const secondRoot = start();
    await waitFor("the second start on the same port and data to answer /api/v1/health", healthy(base), 180_000);
    const teams = await fetch(`${base}/api/v1/teams?pageSize=200`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(teams.status).toBe(200);
    const { rows } = (await teams.json()) as { rows: { name: string }[] };
    expect(rows.map((r) => r.name)).toContain(team);

    // And the other way round: a server that dies takes its database host with it.
    const second = serverProcesses(secondRoot);
    servers.push(second.next);
    process.kill(second.next, "SIGKILL");
    await waitFor("the database host to exit after its server", async () => !alive(second.host), 20_000);
    expect(await portInUse(port)).toBe(false);
  });
});
