import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { findUserForSignIn } from "@/lib/data/sign-in-users";
import { clientAddress } from "./client-address";
import { checkCredentials } from "./credentials";
import { safeCallbackPath } from "./safe-callback";

export const oidcEnabled = Boolean(process.env.AUTH_OIDC_ISSUER && process.env.AUTH_OIDC_CLIENT_ID);

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

// Real SSO: any OpenID Connect issuer, switched on by environment variables (see README).
if (oidcEnabled) {
  providers.push({
    id: "oidc",
    name: process.env.AUTH_OIDC_NAME ?? "Single sign-on",
    type: "oidc",
    issuer: process.env.AUTH_OIDC_ISSUER,
    clientId: process.env.AUTH_OIDC_CLIENT_ID,
    clientSecret: process.env.AUTH_OIDC_CLIENT_SECRET,
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  providers,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  trustHost: true,
  pages: { signIn: "/login" },
  callbacks: {
    // next-auth's own redirects (SSO callbacks, sign-out) stay on this origin too.
    redirect({ url, baseUrl }) {
      const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
      return `${baseUrl}${safeCallbackPath(path)}`;
    },
    // SSO proves who someone is; the register decides whether they may enter (an active user row).
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      return Boolean(user.email && (await findActiveUserByEmail(user.email)));
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
