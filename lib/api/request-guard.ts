// Checks every request passes before any route code runs, whichever router serves it (proxy.ts for
// the App Router and pages, lib/api/node-route.ts for the Pages Router's API route).
import { AppError } from "@/lib/errors/app-error";

type HeaderValue = string | string[] | null | undefined;
export type HeaderReader = (name: string) => HeaderValue;

const first = (value: HeaderValue): string | undefined => (Array.isArray(value) ? value[0] : (value ?? undefined));

/** The methods this server answers at all; routes answer 405 for those they do not implement. */
export const SUPPORTED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function assertSupportedMethod(method: string | undefined): void {
  if (!SUPPORTED_METHODS.includes((method ?? "") as (typeof SUPPORTED_METHODS)[number])) {
    throw new AppError("METHOD_NOT_ALLOWED", `The method ${method} is not supported.`);
  }
}

// A NUL byte cannot be stored or compared by Postgres; refuse it wherever the URL carries it.
function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

export function assertSafeUrl(rawUrl: string): void {
  if (/%00/i.test(rawUrl) || rawUrl.includes("\u0000")) {
    const part = rawUrl.split("?")[0].match(/%00/i) ? "path" : "query";
    throw new AppError("VALIDATION", `The ${part} contains a NUL character (%00).`, [{ field: part, message: "contains a NUL character" }]);
  }
  // "%zz" or an encoded lone surrogate cannot name anything; refused here, the answer is the API's
  // error body rather than the framework's HTML page.
  const path = rawUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "").split(/[?#]/)[0];
  if (!decodes(path)) throw new AppError("VALIDATION", "The path is not valid percent-encoded UTF-8.", [{ field: "path", message: "not valid percent-encoded UTF-8" }]);
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

// A write authenticated by the browser's session cookie must come from the register's own pages:
// Sec-Fetch-Site says so in every current browser; otherwise Origin must name this host. A page on
// another port or subdomain of the same host is "same-site", not "same-origin", and is refused.
export function assertSameOrigin(method: string | undefined, header: HeaderReader): void {
  if (SAFE_METHODS.has(method ?? "GET")) return;
  const site = first(header("sec-fetch-site"));
  const origin = first(header("origin"));
  const host = (first(header("x-forwarded-host")) ?? first(header("host")))?.split(",")[0].trim().toLowerCase();
  if (site !== undefined) {
    if (site === "same-origin") return;
  } else if (origin && origin !== "null" && host && hostOf(origin) === host) {
    return;
  }
  throw new AppError(
    "CROSS_ORIGIN",
    "A write with the browser session must come from the register's own pages; scripts send a bearer token.",
  );
}
