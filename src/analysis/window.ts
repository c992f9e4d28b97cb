import { isValidDay } from '../model/validators.js';

/** A closed interval of time in seconds since the epoch: `since` ≤ t ≤ `until`. */
export interface TimeWindow {
  since: number;
  until: number;
}

const DAY = 86_400;
const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, m: 30, y: 365 };

/** A length such as `90d`, `12w`, `6m` (30-day months) or `1y`, in seconds; undefined if malformed. */
export function parseWindowLength(text: string): number | undefined {
  const match = /^(\d+)\s*([dwmy])$/i.exec(text.trim());
  if (!match) return undefined;
  const days = Number(match[1]) * (UNIT_DAYS[(match[2] as string).toLowerCase()] ?? 0);
  return days > 0 ? days * DAY : undefined;
}

/** `YYYY-MM-DD` as seconds at the start (or, with `endOfDay`, the last second) of that UTC day. */
export function parseDay(text: string, endOfDay = false): number | undefined {
  if (!isValidDay(text.trim())) return undefined;
  return Date.parse(`${text.trim()}T00:00:00Z`) / 1000 + (endOfDay ? DAY - 1 : 0);
}

/** The first second of the UTC day `t` (seconds since the epoch) falls in. */
export function startOfDay(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

/** The last second of the UTC day `t` falls in. */
export function endOfDay(t: number): number {
  return startOfDay(t) + DAY - 1;
}

/**
 * The analysis window: whole UTC days, both ends inclusive, so that the days
 * {@link windowDates} prints, given back as `--since`/`--until`, select exactly the same
 * commits.
 * - `until`: the last second of its day; by default of the newest commit's day, not the
 *   clock's, so an old repository still analyses.
 * - `since`: the first second of its day; by default of the day `length` days back counting
 *   `until`'s day as the first, so a 90-day window (the default) covers 90 whole days. A
 *   length is rounded to whole days, at least one.
 */
export function resolveWindow(
  request: { since?: number; until?: number; length?: number },
  newest: number,
): TimeWindow {
  const until = endOfDay(request.until ?? newest);
  const days = Math.max(1, Math.round((request.length ?? 90 * DAY) / DAY));
  const since =
    request.since === undefined ? startOfDay(until) - (days - 1) * DAY : startOfDay(request.since);
  return { since, until };
}

/** A window's ends as `YYYY-MM-DD` (UTC): its first and last day. */
export function windowDates(window: TimeWindow): { since: string; until: string } {
  const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
  return { since: day(window.since), until: day(window.until) };
}
