// Starting the built app on a database of its own, as `npm start` starts it: shared by the bench and
// the API fuzz suite, which both measure or probe what users run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { nextServerArgs } from "../next-server";

/** Builds the app unless `skip` is set and a build exists. */
export function buildUnlessSkipped(skip: boolean, skipVariable: string): void {
  if (skip && existsSync(".next/BUILD_ID")) return;
  console.log(`Building the app (${skipVariable}=1 skips this)…`);
  const build = spawnSync("npm", ["run", "build"], { stdio: "ignore" });
  if (build.status !== 0) throw new Error("npm run build failed; run it to see why");
}

export async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export interface AppServer {
  base: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface AppServerOptions {
  databaseUrl: string;
  embedded: boolean;
  port: number;
  env?: Record<string, string | undefined>;
  /** "ignore" by default; "inherit" shows the server's own log (its stack traces on a 500). */
  stdio?: "ignore" | "inherit" | "pipe";
  /** Called once the process is spawned, e.g. to pipe its output to a file. */
  onStart?: (child: ChildProcess) => void;
}

// Started as npm start starts it (scripts/next-server.ts), in a process group of its own so that
// stopping it stops Next's workers too.
export async function startAppServer({ databaseUrl, embedded, port, env = {}, stdio = "ignore", onStart }: AppServerOptions): Promise<AppServer> {
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    AUTH_SECRET: "app-server-secret-app-server-secret-0123",
    DECISION_PORT: String(port + 1),
    ...env,
    DATABASE_URL: databaseUrl,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (embedded) serverEnv.EMBEDDED_DATABASE = "1";
  const child = spawn(process.execPath, nextServerArgs("start", port), { env: serverEnv, stdio, detached: true });
  onStart?.(child);
  const base = `http://localhost:${port}`;
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  };
  try {
    await waitFor(`${base}/api/v1/health`, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, process: child, stop };
}

/** A signed-in browser session's cookie header (next-auth credentials sign-in). */
export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const cookies = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed (${response.status})`);
  return [...cookies, session].join("; ");
}
