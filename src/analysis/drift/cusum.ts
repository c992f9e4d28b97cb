/** The settings of {@link cusum}. */
export interface CusumOptions {
  /** How many previous non-null values make the baseline (its median and MAD). */
  baselineWeeks: number;
  /** Slack, in σ: a deviation smaller than k σ drains the sums rather than filling them. */
  k: number;
  /** Decision interval, in σ: a sum at or above h is an alert. */
  h: number;
  /** A sum at or above this (and below h) is a watch. */
  watch: number;
  /** The smallest |value − median| that may alert or watch, in the measure's own units. */
  minEffect: number;
  /**
   * How many periods each value averages over, overlapping its neighbours (drift's trailing
   * window of 4 weeks: 4). Neighbouring values then share (w − 1)/w of their data, and a run
   * of them varies about w times as much as independent values would; σ is scaled by √w so
   * that the false-alarm rate stays that of independent values.
   */
  overlap: number;
}

export const DEFAULT_CUSUM: CusumOptions = {
  baselineWeeks: 12,
  k: 0.5,
  h: 5,
  watch: 4,
  minEffect: 0,
  overlap: 1,
};

/** One value of the series as the CUSUM saw it. */
export interface CusumPoint {
  value: number | null;
  /** Median of the baseline (the previous non-null values); null while there are too few. */
  median: number | null;
  /** Scale of the baseline, 1.4826 × MAD (or the flat-series floor); null with no baseline. */
  sigma: number | null;
  /** (value − median) / sigma; null for a null value or with no baseline. */
  z: number | null;
  /** S⁺ and S⁻ after this point, before any restart. */
  upper: number;
  lower: number;
  state: 'normal' | 'watch' | 'alert';
  /** The side whose sum reached the threshold; null for a normal point. */
  direction: 'up' | 'down' | null;
}

/** Scales MAD to σ for normally distributed values (1 / Φ⁻¹(3/4)). */
const MAD_TO_SIGMA = 1.4826;
/** σ floor for a flat baseline with minEffect 0, so z stays finite. */
const TINY = 1e-9;

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The median of the baseline values and their σ (1.4826 × MAD, floored, × √overlap). */
function robustBaseline(values: readonly number[], o: CusumOptions) {
  const sorted = [...values].sort((a, b) => a - b);
  const m = median(sorted);
  const mad = median(values.map((x) => Math.abs(x - m)).sort((a, b) => a - b));
  const sigma = (mad > 0 ? MAD_TO_SIGMA * mad : Math.max(o.minEffect, TINY)) * Math.sqrt(o.overlap);
  return { median: m, sigma };
}

/**
 * Two-sided tabular CUSUM of a weekly series against a robust rolling baseline, one point per
 * value.
 *
 * - Baseline of point i: the median m and MAD of the previous `baselineWeeks` non-null
 *   values; σ = 1.4826 × MAD (or max(minEffect, 1e-9) when MAD is 0, a flat series), times
 *   √`overlap` for overlapping values. Until there are `baselineWeeks` previous values the
 *   point is 'normal' and nothing accumulates.
 * - z = (x − m)/σ; S⁺ = max(0, S⁺ + z − k), S⁻ = max(0, S⁻ − z − k).
 * - A null value leaves S⁺ and S⁻ as they were; the point is 'normal'.
 * - 'alert' when S⁺ or S⁻ ≥ h and |x − m| ≥ minEffect; 'watch' when one is ≥ `watch` with
 *   the same effect condition; `direction` is the side that reached it (the larger if both).
 * - After an 'alert' point both sums restart from 0 (the standard CUSUM restart), so a
 *   lasting shift alerts again every few points until the rolling baseline absorbs it.
 *
 * With i.i.d. normal values and a known baseline, k = 0.5 and h = 5 give an in-control
 * average run length of about 470 points between false alarms (two-sided) and detect a
 * 1σ shift in about 10 points, a 3σ shift in about 2–3. The rolling baseline is estimated
 * from at most 12 values, which shortens the in-control run length severalfold; the
 * minimum effect is the guard against alerts on noise.
 */
export function cusum(
  values: readonly (number | null)[],
  options: Partial<CusumOptions> = {},
): CusumPoint[] {
  const o = { ...DEFAULT_CUSUM, ...options };
  const history: number[] = [];
  const points: CusumPoint[] = [];
  let upper = 0;
  let lower = 0;
  for (const value of values) {
    // Until the baseline is full, and on a null value, the point is normal and the sums stay.
    const baseline = history.length < o.baselineWeeks ? undefined : robustBaseline(history, o);
    let point: CusumPoint = {
      value,
      median: baseline?.median ?? null,
      sigma: baseline?.sigma ?? null,
      z: null,
      upper,
      lower,
      state: 'normal',
      direction: null,
    };
    if (baseline && value !== null) {
      const { median: m, sigma } = baseline;
      const z = (value - m) / sigma;
      upper = Math.max(0, upper + z - o.k);
      lower = Math.max(0, lower - z - o.k);
      const effect = Math.abs(value - m) >= o.minEffect;
      const top = Math.max(upper, lower);
      const state = !effect ? 'normal' : top >= o.h ? 'alert' : top >= o.watch ? 'watch' : 'normal';
      const direction = state === 'normal' ? null : upper >= lower ? 'up' : 'down';
      point = { value, median: m, sigma, z, upper, lower, state, direction };
      if (state === 'alert') {
        upper = 0;
        lower = 0;
      }
    }
    points.push(point);
    if (value !== null) {
      history.push(value);
      if (history.length > o.baselineWeeks) history.shift();
    }
  }
  return points;
}
