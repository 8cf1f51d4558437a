// How `npm start` (and `npm run bench`, to measure what users run) starts Next: Node running Next's
// CLI directly, not through npx and a shell, so stopping the parent stops the server. `next start`
// serves from that one process (it forks no workers).
import path from "node:path";
import { pathToFileURL } from "node:url";

// V8's young generation at up to 32 MB instead of 16. Under 50 concurrent ingestion clients a
// request's objects live about as long as a scavenge interval at 16 MB, so many were promoted and
// the old generation kept filling; each scavenge then paused longer. Measured with the bench's
// register loaded: single-event p99 75-203 ms (median ~100) at 16 MB, 77-90 ms at 32 MB.
const V8_FLAGS = ["--max-semi-space-size=32"];

// Preloads of the server process: exit-with-parent exits the server when its parent dies, if the
// parent spawned it with an IPC channel (start.ts does); refuse-trace answers TRACE with 405, which
// Next cannot. `next start` only: `next dev` (16.4) exits at once, silently, when started with an
// `--import` flag.
const PRELOADS = ["exit-with-parent.mjs", "refuse-trace.mjs"].flatMap((file) => ["--import", pathToFileURL(path.resolve("scripts", file)).href]);

export function nextServerArgs(mode: "start" | "dev", port: string | number): string[] {
  return [...V8_FLAGS, ...(mode === "start" ? PRELOADS : []), path.resolve("node_modules/next/dist/bin/next"), mode, "-p", String(port)];
}
