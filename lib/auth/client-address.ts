import { z } from "zod";

const ipAddress = z.union([z.ipv4(), z.ipv6()]);

/**
 * The client address a sign-in is throttled by: the first X-Forwarded-For entry, else X-Real-IP,
 * else "unknown". This trusts the proxy in front of the app to set these headers itself, replacing
 * whatever a client sent (see README, "Sign-in throttling and sessions"). A value that is not an IP
 * address counts as "unknown", so a client cannot mint a new key with every request.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const candidate = forwarded || headers.get("x-real-ip")?.trim();
  return candidate && ipAddress.safeParse(candidate).success ? candidate : "unknown";
}
