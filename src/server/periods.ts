import type { Radiator } from './radiator.js';

/** A period the radiator is asked about: first and last day, `YYYY-MM-DD`, inclusive. */
export interface Period {
  since: string;
  until: string;
}

/** Radiators for other periods than the one `serve` started with, made on demand and kept. */
export interface Periods {
  /** The radiator for `period`, made once and kept (the least recently asked go first). */
  get(period: Period): Promise<Radiator>;
  /** The radiators kept: writes reach them too. */
  kept(): Radiator[];
}

/** Periods kept at once unless told otherwise: each holds an analysis. */
export const DEFAULT_PERIODS_KEPT = 6;

/**
 * Keeps the radiators `make` builds for periods, at most `max`, least recently used out;
 * one build per period however many ask at once, and a failed build is not kept.
 */
export function createPeriods(
  make: (period: Period) => Promise<Radiator>,
  max = DEFAULT_PERIODS_KEPT,
): Periods {
  const made = new Map<string, Promise<Radiator>>();
  const done = new Map<string, Radiator>();
  return {
    get(period) {
      const key = `${period.since}..${period.until}`;
      let found = made.get(key);
      if (found) {
        made.delete(key); // most recently used last
        made.set(key, found);
        return found;
      }
      found = make(period).then(
        (radiator) => {
          if (made.get(key) === found) done.set(key, radiator);
          return radiator;
        },
        (error: unknown) => {
          made.delete(key);
          throw error;
        },
      );
      made.set(key, found);
      while (made.size > max) {
        const oldest = made.keys().next().value as string;
        made.delete(oldest);
        done.delete(oldest);
      }
      return found;
    },
    kept: () => [...done.values()],
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;

/** Whether `text` is a real calendar day written `YYYY-MM-DD`. */
function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/**
 * The period `?since=&until=` asks for: undefined without either; with one, the other as the
 * default window has it (its last day, or a window of its length ending at `until`); a
 * message when a day is no day or they are the wrong way round.
 */
export function periodOf(
  query: { since?: string | undefined; until?: string | undefined },
  window: Period,
): Period | { error: string } | undefined {
  const { since, until } = query;
  if (since === undefined && until === undefined) return undefined;
  for (const [name, value] of [
    ['since', since],
    ['until', until],
  ] as const)
    if (value !== undefined && !isDay(value))
      return { error: `\`${name}\` must be a day written YYYY-MM-DD, not "${value}".` };
  const length = Date.parse(`${window.until}T00:00:00Z`) - Date.parse(`${window.since}T00:00:00Z`);
  const last = until ?? window.until;
  const first =
    since ?? new Date(Date.parse(`${last}T00:00:00Z`) - length).toISOString().slice(0, 10);
  if (first > last) return { error: `\`since\` (${first}) is after \`until\` (${last}).` };
  if (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`) > 20 * 366 * MS_PER_DAY)
    return { error: 'A period is at most twenty years.' };
  return { since: first, until: last };
}
