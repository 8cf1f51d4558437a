import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { verifyPassword } from "./passwords";
import { safeCallbackPath } from "./safe-callback";

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1) });

export const oidcEnabled = Boolean(process.env.AUTH_OIDC_ISSUER && process.env.AUTH_OIDC_CLIENT_ID);

async function findActiveUserByEmail(email: string) {
  const user = await prisma().user.findUnique({ where: { email: email.toLowerCase() } });
  return user?.active ? user : null;
}

const providers: NextAuthConfig["providers"] = [
  Credentials({
    credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
    async authorize(raw) {
      const parsed = credentialsSchema.safeParse(raw);
      if (!parsed.success) return null;
      const user = await findActiveUserByEmail(parsed.data.email);
      if (!user?.passwordHash || !(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
      return { id: user.id, email: user.email, name: user.name };
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
    async jwt({ token, user }) {
      if (user?.email) {
        const dbUser = await findActiveUserByEmail(user.email);
        if (dbUser) token.userId = dbUser.id;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.userId === "string") session.user.id = token.userId;
      return session;
    },
  },
});
