import { z } from "zod";

// Times arrive as ISO 8601 with an offset (API) or as "YYYY-MM-DDTHH:mm" from a datetime-local
// input (forms), which the UI labels and treats as UTC so that what a person types and what a
// script sends mean the same instant whatever the server's time zone.
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

// JavaScript dates reach year 275760 and Postgres timestamps 294276, but not with the same calendar
// at the edges (Postgres has no year 0), and no register date is outside these years.
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(10000, 0, 1) - 1;
export const DATE_RANGE_MESSAGE = "Expected a date between the years 1900 and 9999.";

export function isStorableDate(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST && time <= LATEST;
}

/** An API's ISO 8601 time with its offset, within the years the register stores (kept as the text sent). */
export const isoInstant = () =>
  z.iso.datetime({ offset: true, abort: true }).refine((value) => isStorableDate(new Date(value)), DATE_RANGE_MESSAGE);

// Date parses "2026-02-30" as 2 March; a day the calendar does not have is a mistake, not a date.
function isCalendarDay(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function storable(date: Date, ctx: z.RefinementCtx): Date {
  if (isStorableDate(date)) return date;
  ctx.addIssue({ code: "custom", message: DATE_RANGE_MESSAGE });
  return z.NEVER;
}

export const dateTime = z.union([z.date(), z.string().trim()]).transform((value, ctx) => {
  if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) return storable(value, ctx);
  } else if ((LOCAL_DATE_TIME.test(value) || ISO_DATE_TIME.test(value)) && isCalendarDay(value)) {
    const date = new Date(LOCAL_DATE_TIME.test(value) ? `${value}Z` : value);
    if (!Number.isNaN(date.getTime())) return storable(date, ctx);
  } else if (value === "") {
    ctx.addIssue({ code: "custom", message: "Required." });
    return z.NEVER;
  }
  ctx.addIssue({ code: "custom", message: "Expected a date and time, e.g. 2026-03-18T09:30:00Z." });
  return z.NEVER;
});

/** A time that may be absent: "" (an empty form field) and null both mean "not set". */
export const optionalDateTime = z.preprocess((v) => (v === "" ? null : v), dateTime.nullable());

// A calendar day ("YYYY-MM-DD", a date input) or a full time; stored as 00:00 UTC of that day.
export const day = z.union([z.date(), z.string().trim()]).transform((value, ctx) => {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return storable(value, ctx);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDay(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return storable(date, ctx);
  }
  if (typeof value === "string" && ISO_DATE_TIME.test(value) && isCalendarDay(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return storable(date, ctx);
  }
  ctx.addIssue({ code: "custom", message: value === "" ? "Required." : "Expected a date, e.g. 2026-03-18." });
  return z.NEVER;
});

export const optionalDay = z.preprocess((v) => (v === "" ? null : v), day.nullable());

/** A list given as an array or as one comma-separated string ("a, b"); trimmed, blanks and repeats dropped. */
export function list(max = 50, itemMax = 100) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((raw) => [...new Set((Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(itemMax, `Each entry is at most ${itemMax} characters.`)).max(max, `At most ${max} entries.`));
}

export const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);

/** An http(s) link that may be absent. */
export const optionalUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
  z
    .string()
    .max(2000)
    .refine((v) => {
      try {
        return ["http:", "https:"].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, "Enter a full http(s) link, e.g. https://wiki.example.com/postmortems/INC-2041.")
    .nullable(),
);

/** Times in the future are refused beyond a little clock skew. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
