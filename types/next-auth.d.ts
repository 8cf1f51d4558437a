import "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null };
    /** The user's session version when this session signed in (lib/auth/active-user.ts). */
    sessionVersion?: number;
  }
  interface User {
    sessionVersion?: number;
  }
}
