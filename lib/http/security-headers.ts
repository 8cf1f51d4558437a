// The security headers of every response. Static ones are set in next.config.ts for all paths;
// the page CSP needs a per-request nonce and is set by proxy.ts.

/** Behind a TLS-terminating proxy the request itself is http; X-Forwarded-Proto tells. */
export function isHttps(protocol: string, forwardedProto: string | null): boolean {
  return protocol === "https:" || forwardedProto?.split(",")[0].trim().toLowerCase() === "https";
}

export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

// Scripts only from this origin's bundles carrying the nonce ('strict-dynamic' lets them load their
// chunks). Styles allow inline attributes: React and the charts set style="…" on elements, which a
// nonce cannot cover, and CSS cannot run script. React needs eval only in development.
// The SSO button's form is answered with a redirect to the identity provider, which the browser
// holds to form-action when the form is sent before the page's scripts run.
export function contentSecurityPolicy({ nonce, https, dev, ssoOrigin }: { nonce: string; https: boolean; dev: boolean; ssoOrigin?: string | null }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${ssoOrigin ? ` ${ssoOrigin}` : ""}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The identity provider's origin (AUTH_OIDC_ISSUER's), for form-action; null without one. */
export function ssoOrigin(issuer: string | undefined): string | null {
  if (!issuer?.trim() || !URL.canParse(issuer.trim())) return null;
  return new URL(issuer.trim()).origin;
}

// JSON and CSV are never rendered as documents, so they may load nothing at all.
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
