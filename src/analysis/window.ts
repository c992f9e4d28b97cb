import { isValidDay } from '../model/index.js';

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

/**
 * The analysis window. `until` defaults to the newest commit, not the clock, so an old
 * repository still analyses; `since` defaults to `length` (90 days) before `until`.
 * Both ends are inclusive.
 */
export function resolveWindow(
  request: { since?: number; until?: number; length?: number },
  newest: number,
): TimeWindow {
  const until = request.until ?? newest;
  const since = request.since ?? until - (request.length ?? 90 * DAY) + 1;
  return { since, until };
}

/** A window's ends as `YYYY-MM-DD` (UTC). */
export function windowDates(window: TimeWindow): { since: string; until: string } {
  const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
  return { since: day(window.since), until: day(window.until) };
}
