// Runs before every page and App Router route: refuses what no route can answer (an unsupported
// method, a NUL byte in the URL, a declared body over the limit) and gives pages their
// Content-Security-Policy with a fresh nonce. The Pages Router's /api/v1/changes applies the same
// checks itself (lib/api/node-route.ts), so the ingestion feed does not pay for a proxy hop.
import { NextResponse, type NextRequest } from "next/server";
import { apiError } from "@/lib/api/error-body";
import { assertDeclaredLength } from "@/lib/api/read-json";
import { assertSafeUrl, assertSupportedMethod, SUPPORTED_METHODS } from "@/lib/api/request-guard";
import { contentSecurityPolicy, isHttps, ssoOrigin, STRICT_TRANSPORT_SECURITY } from "@/lib/http/security-headers";

function refuse(error: unknown): NextResponse {
  const { status, body, headers } = apiError(error);
  const response = NextResponse.json(body, { status, headers });
  if (status === 405) response.headers.set("allow", SUPPORTED_METHODS.join(", "));
  return response;
}

export function proxy(request: NextRequest): NextResponse {
  try {
    assertSupportedMethod(request.method);
    assertSafeUrl(request.url);
    assertDeclaredLength(request.headers.get("content-length"));
  } catch (error) {
    return refuse(error);
  }
  const https = isHttps(request.nextUrl.protocol, request.headers.get("x-forwarded-proto"));
  let response: NextResponse;
  // API and SCIM answers are JSON: no page policy, no nonce.
  if (request.nextUrl.pathname.startsWith("/api/") || request.nextUrl.pathname.startsWith("/scim/")) {
    response = NextResponse.next();
  } else {
    // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
    const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
    const policy = contentSecurityPolicy({ nonce, https, dev: process.env.NODE_ENV === "development", ssoOrigin: ssoOrigin(process.env.AUTH_OIDC_ISSUER) });
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("content-security-policy", policy);
    response = NextResponse.next({ request: { headers: requestHeaders } });
    response.headers.set("content-security-policy", policy);
  }
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|api/v1/changes$).*)"],
};
