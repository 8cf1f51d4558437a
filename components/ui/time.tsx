// Times are stored, shown and typed in UTC: cut from the ISO string, never moved to the browser's
// time zone (see lib/validation/form-fields.validation.ts).
const FORMATS = {
  day: (iso: string) => iso.slice(0, 10),
  minute: (iso: string) => iso.slice(0, 16).replace("T", " "),
  second: (iso: string) => iso.slice(0, 19).replace("T", " "),
  utc: (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`,
} as const;

export type TimeFormat = keyof typeof FORMATS;

export function formatTime(iso: string | null | undefined, format: TimeFormat = "day"): string {
  return iso ? FORMATS[format](iso) : "—";
}

export function formatUtc(iso: string | null | undefined): string {
  return formatTime(iso, "utc");
}

/** The value a datetime-local input shows for an ISO time, in UTC. */
export function toDateTimeLocal(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 16) : "";
}

export function Time({ value, format = "day", className }: { value: string; format?: TimeFormat; className?: string }) {
  return (
    <time dateTime={value} className={className}>
      {formatTime(value, format)}
    </time>
  );
}
