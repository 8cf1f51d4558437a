import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { refuseOidcSignIn, signInWithOidc } from "@/lib/data/oidc-sign-in";
import { findUserForSignIn } from "@/lib/data/sign-in-users";
import { authErrorLogger, claimedAttempt } from "./auth-log";
import { clientAddress } from "./client-address";
import { checkCredentials } from "./credentials";
import { verifyIdToken } from "./id-token";
import { parseOidcConfig } from "./oidc-config";
import { safeCallbackPath } from "./safe-callback";
import { ssoRefusedPath } from "./sign-in-errors";

/** Single sign-on's settings (AUTH_OIDC_*); null when it is off. A bad value stops the server here. */
export const oidcConfig = parseOidcConfig(process.env);

/** A sign-in refused because the account or the client address is locked (lib/policy/sign-in-throttle.ts). */
export class SignInLocked extends CredentialsSignin {
  code = "locked";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

async function findActiveUserByEmail(email: string) {
  const user = await findUserForSignIn(email);
  return user?.active ? user : null;
}

const providers: NextAuthConfig["providers"] = [
  Credentials({
    credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
    async authorize(raw, request) {
      const result = await checkCredentials(raw, clientAddress(request.headers), new Date());
      if (result.outcome === "locked") throw new SignInLocked(result.retryAfterSeconds);
      if (result.outcome === "refused") return null;
      const { id, email, name, sessionVersion } = result.user;
      return { id, email, name, sessionVersion };
    },
  }),
];

// Real SSO: any OpenID Connect issuer, switched on by environment variables (see README). The
// authorization code flow with PKCE, state and nonce; the ID token's claims are the profile.
if (oidcConfig) {
  providers.push({
    id: "oidc",
    name: oidcConfig.name,
    type: "oidc",
    issuer: oidcConfig.issuer,
    clientId: oidcConfig.clientId,
    clientSecret: oidcConfig.clientSecret,
    checks: ["pkce", "state", "nonce"],
  });
}

// The ID token's signature first (lib/auth/id-token.ts), then the register's decision
// (lib/data/oidc-sign-in.ts); a refusal lands on the login page, which says why.
async function admitOidcSignIn(idToken: string | undefined, profile: Record<string, unknown> | undefined): Promise<true | string> {
  const config = oidcConfig!;
  const token = await verifyIdToken(idToken, config);
  const result = token.ok ? await signInWithOidc(token.claims, config) : await refuseOidcSignIn("invalid_token", claimedAttempt(profile, config.issuer, token.error));
  return result.outcome === "signed-in" ? true : ssoRefusedPath(result.reason);
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  providers,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  trustHost: true,
  // next-auth's own errors (e.g. an ID token from another issuer) land on the login page too.
  pages: { signIn: "/login", error: "/login" },
  logger: { error: authErrorLogger(oidcConfig?.issuer ?? null) },
  callbacks: {
    // next-auth's own redirects (SSO callbacks, sign-out) stay on this origin too.
    redirect({ url, baseUrl }) {
      const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
      return `${baseUrl}${safeCallbackPath(path)}`;
    },
    // SSO proves who someone is; the register decides whether they may enter (an active user row).
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      return admitOidcSignIn(account.id_token, profile);
    },
    // At sign-in the token takes the user's id and session version; later refreshes keep them, and
    // every request compares the version with the user's (activeUser), so ending sessions is one update.
    async jwt({ token, user, account }) {
      if (!user) return token;
      const member = account?.provider === "credentials" ? user : user.email ? await findActiveUserByEmail(user.email) : null;
      if (member?.id && typeof member.sessionVersion === "number") {
        token.userId = member.id;
        token.sessionVersion = member.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.userId === "string") session.user.id = token.userId;
      if (typeof token.sessionVersion === "number") session.sessionVersion = token.sessionVersion;
      return session;
    },
  },
});
