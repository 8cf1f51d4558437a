// What the login page says when single sign-on did not sign someone in: why, and what to do.
// The reason travels in the URL (/login?error=…) as a code, never the person's email.
import { OIDC_REFUSALS, type OidcRefusal } from "@/lib/policy/oidc-sign-in";

export interface SignInErrorMessage {
  title: string;
  body: string;
}

const prefix = "sso_";

export const ssoRefusedPath = (reason: OidcRefusal) => `/login?error=${prefix}${reason}`;

const REFUSALS: Record<OidcRefusal, SignInErrorMessage> = {
  not_registered: {
    title: "You have no account in the register",
    body: "Your identity provider signed you in, but no one in the register has your email address. Ask a register admin to add you on the People page, then sign in again.",
  },
  deactivated: {
    title: "Your account is deactivated",
    body: "Your identity provider signed you in, but your account in the register is deactivated. If you still need access, ask a register admin to reactivate it on the People page.",
  },
  email_unverified: {
    title: "Your email address is not verified",
    body: "Your identity provider has not verified your email address, so the register cannot tell that it is yours. Verify it with your identity provider (or ask its administrator to), then sign in again.",
  },
  email_missing: {
    title: "No email address came from your identity provider",
    body: "The register finds your account by email address, and your identity provider sent none. Ask its administrator to release the email claim (scope “email”) to the register.",
  },
  invalid_token: {
    title: "Your identity provider's answer could not be verified",
    body: "The sign-in was refused because its ID token did not carry a valid signature of your identity provider. Try again; if it happens again, tell a register admin.",
  },
};

// next-auth's own codes: the provider's answer failed a check (issuer, audience, nonce, state…), the
// person cancelled at the provider, or the provider was unreachable. The server log has the details.
const FAILED: SignInErrorMessage = {
  title: "Single sign-on did not complete",
  body: "The identity provider's answer failed the register's checks, or the sign-in was cancelled or interrupted, so you are not signed in. Try again; if it keeps happening, tell a register admin (the server log says why).",
};

/** The message for the login page's `error` parameter; null when there is none. */
export function signInErrorMessage(code: unknown): SignInErrorMessage | null {
  if (typeof code !== "string" || !code) return null;
  const reason = code.startsWith(prefix) ? code.slice(prefix.length) : "";
  return (OIDC_REFUSALS as readonly string[]).includes(reason) ? REFUSALS[reason as OidcRefusal] : FAILED;
}
