import type { DriftWeek } from './drift-types.js';

/** A calendar month of the series: the mean of its weeks' figures. */
export interface DriftMonth {
  /** `YYYY-MM`: the month of each week's Thursday, as ISO weeks are placed in years. */
  month: string;
  weeks: number;
  congruence: { weighted: number | null; unweighted: number | null };
  unwiredWeight: number | null;
  crossTeamCoupling: number | null;
  ownerShare: number | null;
  coverage: number | null;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The mean of the known values, null with none. */
function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : round(known.reduce((a, b) => a + b, 0) / known.length);
}

/**
 * Monthly roll-ups of a weekly series: each month the mean of its weeks' measures (each
 * week already a trailing window, so means rather than sums), a week belonging to the month
 * of its Thursday (its `until` minus 3 days).
 */
export function driftMonths(weeks: readonly DriftWeek[]): DriftMonth[] {
  const byMonth = new Map<string, DriftWeek[]>();
  for (const week of weeks) {
    const thursday = new Date(Date.parse(`${week.until}T00:00:00Z`) - 3 * 86_400_000);
    const month = thursday.toISOString().slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), week]);
  }
  return [...byMonth].map(([month, of]) => ({
    month,
    weeks: of.length,
    congruence: {
      weighted: mean(of.map((w) => w.congruence.weighted)),
      unweighted: mean(of.map((w) => w.congruence.unweighted)),
    },
    unwiredWeight: mean(of.map((w) => w.unwiredWeight)),
    crossTeamCoupling: mean(of.map((w) => w.crossTeamCoupling)),
    ownerShare: mean(of.map((w) => w.ownerShare)),
    coverage: mean(of.map((w) => w.coverage)),
  }));
}
