// Incident times are shown, typed and sent in UTC (see lib/validation/form-fields.validation.ts).
export function formatUtc(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "—";
}

export function formatDay(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "—";
}

/** The value a datetime-local input shows for an ISO time, in UTC. */
export function toDateTimeLocal(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 16) : "";
}
