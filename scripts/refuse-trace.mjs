// Preloaded into the Next server process (scripts/next-server.ts). TRACE is one of the Fetch API's
// forbidden methods: Next cannot build a Request for it and answers 500 before any of the app's
// code (proxy.ts, which refuses every other unsupported method) runs. Answer it here the same way:
// 405 with the API's error body. Node's own parser already answers 400 to methods it does not know.
import http from "node:http";

// SUPPORTED_METHODS of lib/api/request-guard.ts (a preload runs before TypeScript can be loaded).
const ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const body = JSON.stringify({ error: { code: "METHOD_NOT_ALLOWED", message: "The method TRACE is not supported.", details: null } });
const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function emitUnlessTrace(event, ...args) {
  if (event === "request" && args[0].method === "TRACE") {
    const response = args[1];
    response.writeHead(405, { "content-type": "application/json", allow: ALLOW, "content-length": Buffer.byteLength(body) });
    response.end(body);
    return true;
  }
  return emit.call(this, event, ...args);
};
