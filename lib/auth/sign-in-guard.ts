// Direct POSTs to next-auth's credentials callback (/api/auth/callback/credentials) bypass the login
// form: a locked account or client address is answered here, 429 with Retry-After, before next-auth
// runs. The credentials check (lib/auth/credentials.ts) refuses them as well, for the login form.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { apiError } from "@/lib/api/error-body";
import { signInLockedFor } from "@/lib/data/sign-in-throttle";
import { tooManyFailuresMessage } from "@/lib/policy/sign-in-throttle";
import { clientAddress } from "./client-address";

const CREDENTIALS_CALLBACK = /\/callback\/credentials\/?$/;

// next-auth takes a form (what its pages post) or JSON. Without an email only the address can be locked.
async function emailOf(request: Request): Promise<string> {
  try {
    const body = request.headers.get("content-type")?.includes("json") ? ((await request.json()) as Record<string, unknown>) : Object.fromEntries(await request.formData());
    return typeof body.email === "string" ? body.email.toLowerCase() : "";
  } catch {
    return "";
  }
}

export async function lockedSignInResponse(request: Request, now: Date): Promise<Response | null> {
  if (!CREDENTIALS_CALLBACK.test(new URL(request.url).pathname)) return null;
  const retryAfterSeconds = await signInLockedFor({ email: await emailOf(request.clone()), address: clientAddress(request.headers) }, now);
  if (retryAfterSeconds === 0) return null;
  const { status, body, headers } = apiError(new AppError("TOO_MANY_REQUESTS", tooManyFailuresMessage(retryAfterSeconds), null, { retryAfterSeconds }));
  return Response.json(body, { status, headers });
}
