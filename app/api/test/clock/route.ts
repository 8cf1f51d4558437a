// POST /api/test/clock {offsetDays} — end-to-end runs only (REGISTER_TEST_CLOCK=1): moves the
// register's clock (lib/clock.ts) ahead of the system's. Anywhere else this route does not exist.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { now, setClockOffset, testClockEnabled } from "@/lib/clock";
import { DAY_MS } from "@/lib/policy/time";

const bodySchema = z.strictObject({ offsetDays: z.number().min(0).max(3650) });

export async function POST(request: NextRequest): Promise<NextResponse> {
  if (!testClockEnabled()) return NextResponse.json({ error: { code: "NOT_FOUND", message: "Not found." } }, { status: 404 });
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: { code: "VALIDATION", message: "Send {offsetDays: 0…3650}.", details: [{ field: "offsetDays", message: "a number of days, 0 to 3650" }] } }, { status: 400 });
  setClockOffset(parsed.data.offsetDays * DAY_MS);
  return NextResponse.json({ now: now().toISOString() });
}
