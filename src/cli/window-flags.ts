import { parseDay, parseWindowLength, windowDates } from '../analysis/window.js';
import { AppError } from '../errors.js';
import { isValidDay } from '../model/validators.js';

/** The window flags in seconds: each end an inclusive UTC day, `length` whole days. */
export interface WindowFlags {
  since?: number;
  until?: number;
  length?: number;
}

/** Turns the window flags into seconds, refusing what cannot be read. */
export function windowFlags(options: {
  since?: string;
  until?: string;
  window?: string;
}): WindowFlags {
  const day = (flag: string, text: string | undefined, end: boolean) => {
    if (text === undefined) return undefined;
    const t = parseDay(text, end);
    if (t === undefined)
      throw new AppError(
        'invalid-input',
        `${flag} ${text} is not a date.`,
        `Write it as YYYY-MM-DD, e.g. ${flag} 2026-01-31.`,
      );
    return t;
  };
  const since = day('--since', options.since, false);
  const until = day('--until', options.until, true);
  let length: number | undefined;
  if (options.window !== undefined) {
    length = parseWindowLength(options.window);
    if (length === undefined)
      throw new AppError(
        'invalid-input',
        `--window ${options.window} is not a length of time.`,
        'Write days, weeks, months or years, e.g. --window 90d, 12w, 6m or 1y.',
      );
  }
  if (since !== undefined && until !== undefined && since > until) {
    throw new AppError(
      'invalid-input',
      `--since ${options.since} is after --until ${options.until}.`,
      'Swap the two dates.',
    );
  }
  return {
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(length === undefined ? {} : { length }),
  };
}

/**
 * Refuses a `--since` after the newest commit (or request) there is, which would analyse
 * nothing: the one place this is checked, by every command that takes `--since`, once the
 * newest is known. `newest` is undefined when there is nothing at all.
 */
export function checkSince(
  flags: WindowFlags,
  newest: number | undefined,
  what: 'commit' | 'request',
): void {
  if (flags.since === undefined || newest === undefined || flags.since <= newest) return;
  const { since, until: last } = windowDates({ since: flags.since, until: newest });
  const days = Math.max(1, Math.round((flags.length ?? 90 * DAY) / DAY));
  throw new AppError(
    'invalid-input',
    `--since ${since} is after the newest ${what} (${last}).`,
    `Pass an earlier --since, or leave it out to analyse the ${flags.until === undefined ? 'last ' : ''}${days} days${flags.until === undefined ? '' : ' up to --until'}.`,
  );
}

const DAY = 86_400;

/** `YYYY-MM-DD` of `--today`, or of the clock; refused when malformed. */
export function todayFlag(text: string | undefined, now: Date = new Date()): string {
  if (text === undefined) return now.toISOString().slice(0, 10);
  if (!isValidDay(text)) {
    throw new AppError(
      'invalid-input',
      `--today ${text} is not a date.`,
      'Write it as YYYY-MM-DD, e.g. --today 2026-11-22.',
    );
  }
  return text;
}
