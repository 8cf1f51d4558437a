// Incident times are shown, typed and sent in UTC (see lib/validation/form-fields.validation.ts).
type Time = Date | string | null | undefined;

const isoOf = (time: Date | string) => (typeof time === "string" ? time : time.toISOString());

export function formatUtc(time: Time): string {
  if (!time) return "—";
  const iso = isoOf(time);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function formatDay(time: Time): string {
  return time ? isoOf(time).slice(0, 10) : "—";
}

/** The value a datetime-local input shows for a time, in UTC. */
export function toDateTimeLocal(time: Time): string {
  return time ? isoOf(time).slice(0, 16) : "";
}
