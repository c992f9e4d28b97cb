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

/** `POST /api/goals/:ns/:name/readings`: `at` is when the value was measured. */
export const readingBody = z.strictObject({
  value: z.number().finite(),
  at: z
    .union([z.iso.datetime({ offset: true }), day])
    .optional()
    .transform((at) => (at === undefined ? undefined : new Date(at).toISOString())),
});

/** `POST /api/learnings`: Situation — Complication — Resolution, and the lessons. */
export const learningBody = z.strictObject({
  title: text(200),
  bet: text(300).optional(),
  incident: text(300).optional(),
  situation: text(8_000),
  complication: text(8_000),
  resolution: text(8_000),
  lessons: z.array(text(1_000)).min(1, 'must list at least one lesson').max(20),
  date: day.optional(),
  authors: z.array(text(300)).max(20).optional(),
});

/** A reference as a person writes it (`unified-id`, `bet:default/unified-id`), made canonical. */
export function refIn(text: string, kind: string): string {
  const parsed = parseEntityRef(text, { defaultKind: kind, defaultNamespace: 'default' });
  return parsed.ok ? stringifyEntityRef(parsed.ref) : `${kind}:default/${text.toLowerCase()}`;
}
