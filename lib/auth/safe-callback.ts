// Where to go after signing in: only a path on this register. "//evil.example", "/\evil.example" and
// paths with control characters (a browser drops a tab, turning "/\t/evil" into "//evil") all leave
// the origin, so anything but a plain same-origin path becomes "/".
const BASE = "http://register.invalid";

export function safeCallbackPath(raw: unknown): string {
  if (typeof raw !== "string" || !raw.startsWith("/")) return "/";
  if (/[\u0000-\u001f\u007f\\]/.test(raw) || raw.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
