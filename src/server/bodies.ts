import { z } from 'zod';
import { BET_STATUSES, isValidDay, parseEntityRef, stringifyEntityRef } from '../model/index.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const day = z.string().refine(isValidDay, 'must be a date written YYYY-MM-DD');

/** `POST /api/bets/:ns/:name/checkins`. */
export const checkinBody = z.strictObject({
  status: z.enum(BET_STATUSES).optional(),
  outcomeValue: z.number().finite().optional(),
  note: text(4_000),
});

/** The earliest date a reading or learning may have. */
const EARLIEST = '1970-01-01';

/**
 * The dates a reading or learning may have, as of `now`: from 1970-01-01 to the end of
 * the day a year from now (a reading of a forecast, a learning dated ahead by a clock).
 * Year 0000 or 9999 is a typo, not a measurement.
 */
function dateRange(now: Date) {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  const last = latest.toISOString().slice(0, 10);
  return {
    message: `must be between ${EARLIEST} and ${last}`,
    /** Whether an ISO instant or day falls in the range. */
    holds: (iso: string) => iso.slice(0, 10) >= EARLIEST && iso.slice(0, 10) <= last,
  };
}

/** `POST /api/goals/:ns/:name/readings`: `at` is when the value was measured. */
export function readingBody(now: Date) {
  const range = dateRange(now);
  return z.strictObject({
    value: z.number().finite(),
    at: z
      .union([z.iso.datetime({ offset: true }), day])
      .transform((at) => new Date(at).toISOString())
      .refine(range.holds, range.message)
      .optional(),
  });
}

/** `POST /api/learnings`: Situation — Complication — Resolution, and the lessons. */
export function learningBody(now: Date) {
  const range = dateRange(now);
  return z.strictObject({
    title: text(200),
    bet: text(300).optional(),
    incident: text(300).optional(),
    situation: text(8_000),
    complication: text(8_000),
    resolution: text(8_000),
    lessons: z.array(text(1_000)).min(1, 'must list at least one lesson').max(20),
    date: day.refine(range.holds, range.message).optional(),
    authors: z.array(text(300)).max(20).optional(),
  });
}

/** A reference as a person writes it (`unified-id`, `bet:default/unified-id`), made canonical. */
export function refIn(text: string, kind: string): string {
  const parsed = parseEntityRef(text, { defaultKind: kind, defaultNamespace: 'default' });
  return parsed.ok ? stringifyEntityRef(parsed.ref) : `${kind}:default/${text.toLowerCase()}`;
}
