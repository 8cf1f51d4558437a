// Day arithmetic in plain milliseconds: policy windows are exact durations, not calendar days,
// so there is no time-zone or daylight-saving ambiguity.

export const DAY_MS = 24 * 60 * 60 * 1000;

export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

/**
 * "In the last N days": strictly less than N days before `now`. Something exactly N days old is
 * outside the window, so every window in the policy shares one boundary.
 */
export const isWithinLastDays = (at: Date, now: Date, days: number): boolean =>
  at.getTime() > now.getTime() - days * DAY_MS;

/** Date part of an ISO timestamp (UTC), for explanations. */
export const formatDay = (date: Date): string => date.toISOString().slice(0, 10);
