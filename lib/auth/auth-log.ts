// next-auth's error log. next-auth refuses an ID token whose issuer, audience, nonce or expiry is
// wrong before the signIn callback runs, and tells only its logger (the error's cause carries the
// token's claims): those refusals are audited from here, like the ones the register decides
// (lib/data/oidc-sign-in.ts). The audit does not hold up the redirect to the login page.
import { refuseOidcSignIn } from "@/lib/data/oidc-sign-in";

/** What a refused token claimed, unverified: for whoever reads the audit log, never to sign anyone in. */
export function claimedAttempt(claims: Record<string, unknown> | undefined, issuer: string, detail: string) {
  return {
    email: typeof claims?.email === "string" ? claims.email.toLowerCase() : null,
    subject: typeof claims?.sub === "string" ? claims.sub : "unknown",
    issuer,
    detail,
  };
}

interface CallbackCause {
  err?: unknown;
  provider?: unknown;
  claims?: unknown;
}

// As next-auth's own logger prints it: the error, then its cause and details.
function print(error: Error): void {
  const type = (error as { type?: unknown }).type;
  console.error(`[auth][error] ${typeof type === "string" ? type : error.name}: ${error.message}`);
  const { err, ...details } = (error.cause ?? {}) as CallbackCause;
  if (err instanceof Error) {
    console.error("[auth][cause]:", err.stack);
    console.error("[auth][details]:", JSON.stringify(details, null, 2));
  } else if (error.stack) {
    // The stack without its first line, the message printed above.
    console.error(error.stack.replace(/.*/, "").substring(1));
  }
}

export function authErrorLogger(oidcIssuer: string | null): (error: Error) => void {
  return (error) => {
    print(error);
    const cause = (error.cause ?? {}) as CallbackCause;
    if (!oidcIssuer || cause.provider !== "oidc" || typeof cause.claims !== "object" || cause.claims === null) return;
    const detail = cause.err instanceof Error ? cause.err.message : error.message;
    refuseOidcSignIn("invalid_token", claimedAttempt(cause.claims as Record<string, unknown>, oidcIssuer, detail)).catch((failure: unknown) =>
      console.error("[auth] a refused single sign-on could not be audited:", failure),
    );
  };
}
