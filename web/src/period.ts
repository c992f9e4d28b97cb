/**
 * The period the radiator shows (`?since=&until=` in the page's URL, both days inclusive):
 * read routes are asked for it, and it is remembered for the tab so that moving between
 * pages keeps it. No period: the radiator's own window.
 */
export interface Period {
  since: string;
  until: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const KEY = 'orgwire.period';
const MS_PER_DAY = 86_400_000;

/** The period a query string names, or null when it names none (or half of one, or no days). */
export function periodIn(search: string): Period | null {
  const params = new URLSearchParams(search);
  const since = params.get('since');
  const until = params.get('until');
  if (!since || !until || !DAY.test(since) || !DAY.test(until) || since > until) return null;
  return { since, until };
}

/** The page's period, from its URL. */
export function currentPeriod(): Period | null {
  return typeof window === 'undefined' ? null : periodIn(window.location.search);
}

/** `path` asking for `period` (none: as it is). */
export function withPeriod(path: string, period: Period | null = currentPeriod()): string {
  if (!period) return path;
  return `${path}${path.includes('?') ? '&' : '?'}since=${period.since}&until=${period.until}`;
}

/** A query string with the period set (or taken out), the rest kept. */
export function searchWith(search: string, period: Period | null): string {
  const params = new URLSearchParams(search);
  params.delete('since');
  params.delete('until');
  if (period) {
    params.set('since', period.since);
    params.set('until', period.until);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The period kept for this tab, or null. */
export function rememberedPeriod(): Period | null {
  try {
    return periodIn(sessionStorage.getItem(KEY) ?? '');
  } catch {
    return null;
  }
}

export function rememberPeriod(period: Period | null): void {
  try {
    if (period) sessionStorage.setItem(KEY, `since=${period.since}&until=${period.until}`);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Without storage the period lives in the URL only.
  }
}

const day = (text: string) => Date.parse(`${text}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last `days` days up to and including `until`. */
export function lastDays(days: number, until: string): Period {
  return { since: iso(day(until) - (days - 1) * MS_PER_DAY), until };
}

/** Days in a period, both ends counted. */
export function daysIn(period: Period): number {
  return Math.round((day(period.until) - day(period.since)) / MS_PER_DAY) + 1;
}

/** The period of the same length that ends the day before `period` starts. */
export function previousPeriod(period: Period): Period {
  const until = day(period.since) - MS_PER_DAY;
  return { since: iso(until - (daysIn(period) - 1) * MS_PER_DAY), until: iso(until) };
}

const COMPARE_KEY = 'orgwire.compare';

/**
 * Whether a query string asks to compare the period with the one before (`compare=1`): the
 * overview then shows its headline figures for both, side by side.
 */
export function compareIn(search: string): boolean {
  return new URLSearchParams(search).get('compare') === '1';
}

/** A query string with `compare=1` set (or taken out), the rest kept. */
export function searchWithCompare(search: string, compare: boolean): string {
  const params = new URLSearchParams(search);
  params.delete('compare');
  if (compare) params.set('compare', '1');
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Whether the tab compares with the period before (kept as the period is). */
export function rememberedCompare(): boolean {
  try {
    return sessionStorage.getItem(COMPARE_KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberCompare(compare: boolean): void {
  try {
    if (compare) sessionStorage.setItem(COMPARE_KEY, '1');
    else sessionStorage.removeItem(COMPARE_KEY);
  } catch {
    // Without storage the choice lives in the URL only.
  }
}
