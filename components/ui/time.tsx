// Times are stored, shown and typed in UTC: cut from the ISO string, never moved to the browser's
// time zone (see lib/validation/form-fields.validation.ts). The data layer's DTOs hold Dates; a
// value that crossed to a client component may arrive as its ISO string.
const FORMATS = {
  day: (iso: string) => iso.slice(0, 10),
  minute: (iso: string) => iso.slice(0, 16).replace("T", " "),
  second: (iso: string) => iso.slice(0, 19).replace("T", " "),
  utc: (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`,
} as const;

export type TimeFormat = keyof typeof FORMATS;

type TimeValue = Date | string | null | undefined;

const isoOf = (value: TimeValue): string | null => (value instanceof Date ? value.toISOString() : (value ?? null));

export function formatTime(value: TimeValue, format: TimeFormat = "day"): string {
  const iso = isoOf(value);
  return iso ? FORMATS[format](iso) : "—";
}

export function formatUtc(value: TimeValue): string {
  return formatTime(value, "utc");
}

/** The value a datetime-local input shows for a time, in UTC. */
export function toDateTimeLocal(value: TimeValue): string {
  return isoOf(value)?.slice(0, 16) ?? "";
}

export function Time({ value, format = "day", className }: { value: Date | string; format?: TimeFormat; className?: string }) {
  return (
    <time dateTime={isoOf(value) ?? undefined} className={className}>
      {formatTime(value, format)}
    </time>
  );
}
