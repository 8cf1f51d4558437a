// next-auth's own route handlers, for integration tests that sign in as a browser does.
import { NextRequest } from "next/server";

export type AuthRoute = typeof import("@/app/api/auth/[...nextauth]/route");

// next-auth needs a session secret; the route is imported once one is set.
export function importAuthRoute(): Promise<AuthRoute> {
  process.env.AUTH_SECRET ??= "integration-test-secret-integration-test-secret";
  return import("@/app/api/auth/[...nextauth]/route");
}

export const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]);

// The login form's post to the credentials callback, with the CSRF token (and cookie) it fetches first.
export async function postCredentials(route: AuthRoute, { email, password, address }: { email: string; password: string; address: string }): Promise<Response> {
  const csrf = await route.GET(new NextRequest("http://localhost/api/auth/csrf"));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return route.POST(
    new NextRequest("http://localhost/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; "), "x-forwarded-for": address },
      body: new URLSearchParams({ email, password, csrfToken }),
    }),
  );
}
