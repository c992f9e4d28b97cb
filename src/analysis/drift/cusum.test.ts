import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.js';
import { type CusumOptions, cusum, DEFAULT_CUSUM } from './cusum.js';

/** Standard normal draws (Box–Muller) from a seeded generator. */
function normals(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const alerts = (values: readonly (number | null)[], options: Partial<CusumOptions> = {}) =>
  cusum(values, options).filter((p) => p.state === 'alert');

/** The weeks drift's trailing window spans by default (DRIFT_TRAILING_WEEKS). */
const SPAN = 4;

/**
 * 104 weeks as drift measures them: week t is the mean of the weekly values of weeks
 * t − 3 to t, each standard normal noise plus `shift(week)` (so a step in the weekly values
 * at week s shows as a ramp over weeks s to s + 3).
 */
function trailingMeans(noise: () => number, shift: (week: number) => number = () => 0): number[] {
  const weekly = Array.from({ length: 104 + SPAN - 1 }, (_, j) => noise() + shift(j - SPAN + 1));
  return Array.from({ length: 104 }, (_, t) => {
    let sum = 0;
    for (let j = t; j < t + SPAN; j++) sum += weekly[j] as number;
    return sum / SPAN;
  });
}

// 10, 11, 9 repeated: median 10, |deviations| 0, 1, 1 so MAD 1 and σ = 1.4826 once the
// baseline has its 12 values; z is 0, +0.6745, −0.6745, which leaves at most 0.1745 in a sum.
const CALM = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9];

describe('cusum', () => {
  it('keeps the defaults the design names', () => {
    expect(DEFAULT_CUSUM).toEqual({
      baselineWeeks: 12,
      k: 0.5,
      h: 5,
      watch: 4,
      minEffect: 0,
      overlap: 1,
    });
  });

  it('has no baseline and accumulates nothing before 12 previous values', () => {
    // A jump to 100 at index 11 has only 11 values before it: still no baseline, no sum.
    const early = cusum([...CALM.slice(0, 11), 100]);
    expect(early.map((p) => [p.median, p.upper, p.state])).toEqual(
      Array(12).fill([null, 0, 'normal']),
    );
    // The 13th point has its 12 values: median 10, σ 1.4826, z = 90 / 1.4826 = 60.7042.
    const points = cusum([...CALM, 100]);
    expect(points.slice(0, 12).every((p) => p.median === null && p.upper === 0)).toBe(true);
    expect(points[12]?.median).toBe(10);
    expect(points[12]?.sigma).toBeCloseTo(1.4826, 4);
    expect(points[12]?.z).toBeCloseTo(60.7042, 4);
    expect(points[12]?.state).toBe('alert');
  });

  it('alarms on the second point of a step of 3σ, upwards', () => {
    // Step to 14.5: z = 4.5 / 1.4826 = 3.0352 against the median 10 of the 12 calm values,
    // the first point with a baseline, so both sums start from 0.
    //   week 12: S⁺ = 0 + 3.0352 − 0.5 = 2.5352            normal (below watch 4)
    //   week 13: S⁺ = 2.5352 + 3.0352 − 0.5 = 5.0704 ≥ 5  alert, up; both sums restart
    //   week 14: S⁺ = 0 + 3.0352 − 0.5 = 2.5352            normal (median still 10)
    //   week 15: the baseline holds 3 of 14.5: median (10 + 11)/2 = 10.5, MAD 1,
    //            z = 4 / 1.4826 = 2.6980, S⁺ = 2.5352 + 2.1980 = 4.7332 watch
    const points = cusum([...CALM, 14.5, 14.5, 14.5, 14.5]);
    const tail = points.slice(12);
    expect(tail.map((p) => p.state)).toEqual(['normal', 'alert', 'normal', 'watch']);
    expect(tail.map((p) => p.direction)).toEqual([null, 'up', null, 'up']);
    expect(tail[0]?.z).toBeCloseTo(3.0352, 4);
    expect(tail[0]?.upper).toBeCloseTo(2.5352, 4);
    expect(tail[1]?.upper).toBeCloseTo(5.0704, 4);
    expect(tail[2]?.upper).toBeCloseTo(2.5352, 4);
    expect(tail[3]?.median).toBe(10.5);
    expect(tail[3]?.upper).toBeCloseTo(4.7332, 4);
    expect(points.slice(0, 12).every((p) => p.state === 'normal')).toBe(true);
  });

  it('alarms downwards on a step of −3σ, and a null week changes nothing', () => {
    // The null at index 4 is not a baseline value, so the baseline starts at index 13 (12
    // values: four each of 10, 11 and 9, as at every later index). Then 10, 11, 9 leave
    // S⁻ = 0 + 0.6745 − 0.5 = 0.1745 after the 9 at index 15, which the null at index 16
    // keeps:
    //   index 17: 5.5 → z = −4.5 / 1.4826 = −3.0352, S⁻ = 0.1745 + 2.5352 = 2.7097
    //   index 18: the baseline holds one 5.5, still median 10 and MAD 1;
    //             S⁻ = 2.7097 + 2.5352 = 5.2449 ≥ 5 → alert, down
    const values = [10, 11, 9, 10, null, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, null, 5.5, 5.5];
    const points = cusum(values);
    expect(points[12]?.median).toBeNull();
    expect(points[13]?.median).toBe(10);
    expect(points[15]?.lower).toBeCloseTo(0.1745, 4);
    expect(points[16]).toMatchObject({ z: null, state: 'normal', upper: 0 });
    expect(points[16]?.lower).toBeCloseTo(0.1745, 4);
    expect(points[17]?.lower).toBeCloseTo(2.7097, 4);
    expect(points[18]).toMatchObject({ state: 'alert', direction: 'down' });
    expect(points[18]?.lower).toBeCloseTo(5.2449, 4);
  });

  it('scales σ by √overlap for values that average overlapping periods', () => {
    // Step to 19 after the calm weeks. Independent values (overlap 1): σ = 1.4826,
    // z = 9 / 1.4826 = 6.0704, S⁺ = 5.5704 ≥ 5, an alert at once.
    const values = [...CALM, 19, 19];
    const single = cusum(values);
    expect(single[12]?.upper).toBeCloseTo(5.5704, 4);
    expect(single[12]?.state).toBe('alert');
    // Four-week averages (overlap 4): σ = 1.4826 × √4 = 2.9652, z = 9 / 2.9652 = 3.0352:
    //   index 12: S⁺ = 3.0352 − 0.5 = 2.5352            normal
    //   index 13: the baseline holds one 19, still median 10 and MAD 1;
    //             S⁺ = 2.5352 + 2.5352 = 5.0704 ≥ 5     alert, up
    const overlapping = cusum(values, { overlap: 4 });
    expect(overlapping[12]?.sigma).toBeCloseTo(2.9652, 4);
    expect(overlapping[12]?.z).toBeCloseTo(3.0352, 4);
    expect(overlapping.slice(12).map((p) => [p.state, p.direction])).toEqual([
      ['normal', null],
      ['alert', 'up'],
    ]);
    expect(overlapping[12]?.upper).toBeCloseTo(2.5352, 4);
    expect(overlapping[13]?.upper).toBeCloseTo(5.0704, 4);
    // The flat-series floor is scaled too: σ = 0.1 × √4 = 0.2.
    const flat = cusum([...Array(12).fill(0.8), 0.85], { minEffect: 0.1, overlap: 4 });
    expect(flat[12]?.sigma).toBeCloseTo(0.2, 10);
  });

  it('never alarms on a flat series, and floors σ at the minimum effect', () => {
    expect(alerts(Array(104).fill(0.8))).toEqual([]);
    // Flat baseline: σ = minEffect = 0.1. A blip of 0.05 is z 0.5, drained by k; a fall of
    // 0.35 is z = −3.5, S⁻ = 3 then 6 → alert on the second week.
    const points = cusum([...Array(12).fill(0.8), 0.85, 0.8, 0.45, 0.45], { minEffect: 0.1 });
    expect(points[12]).toMatchObject({ sigma: 0.1, state: 'normal', upper: 0 });
    expect(points.map((p) => p.state).slice(14)).toEqual(['normal', 'alert']);
  });

  it('never alarms on noise smaller than the minimum effect', () => {
    const noise = normals(7);
    const values = Array.from({ length: 104 }, () => 0.8 + 0.01 * noise());
    expect(cusum(values, { minEffect: 0.1 }).filter((p) => p.state !== 'normal')).toEqual([]);
  });

  it('does not alert when the sum is high but the effect is below the minimum', () => {
    const points = cusum([...CALM, 14.5, 14.5], { minEffect: 5 });
    expect(points[13]).toMatchObject({ state: 'normal', direction: null });
    // No restart without an alert: the sum carries on.
    expect(points[13]?.upper).toBeCloseTo(5.0704, 4);
  });

  // With i.i.d. normal values and a known baseline, k = 0.5 and h = 5 give a two-sided
  // in-control run length of about 465 points: 92 / 465 ≈ 0.2 false alarms over the 92 weeks
  // after the first 12. The baseline here is estimated from 12 values (median and MAD), and
  // that estimation error is most of the false alarms: over 100,000 seeds the mean was 1.98
  // alert points per 104 weeks (sd 1.41; 13.7% of series had none, the worst had 11). So
  // the property is on a batch of 25 series: mean 49.6, sd 7.1 (measured over 4,000
  // batches); the bound of 100 is seven sd above the mean.
  it('raises few alerts on 104 weeks of i.i.d. values with no change (25 series ≤ 100)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: -100, max: 100, noNaN: true }), (seed, level) => {
        let total = 0;
        for (let s = 0; s < 25; s++) {
          const noise = normals(seed + s * 7_919);
          total += alerts(Array.from({ length: 104 }, () => level + 2 * noise())).length;
        }
        expect(total).toBeLessThanOrEqual(100);
      }),
      { numRuns: 20 },
    );
  });

  // A step of u σ (σ = 1.4826 × the noise's MAD, the unit the CUSUM measures in) at a known
  // week. A 3σ step reaches h = 5 in two points on average, but the noise of those points
  // and of the estimated baseline can hold it back, and the rolling baseline starts to
  // absorb the step from its third point on: over 100,000 seeds, steps of 3–6σ were
  // detected within 3 weeks (weeks t to t + 3) 98.5% of the time, steps of exactly 3σ
  // 90.3%. So the property is on batches of 100 steps of 3–6σ: at most 10 missed (expected
  // 1.5; 11 or more is below one in a million).
  it('detects a step of at least 3σ within 3 weeks, in its direction (≥ 90 of 100)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = seededRandom(seed);
        let missed = 0;
        for (let s = 0; s < 100; s++) {
          const noise = normals(seed + s * 104_729);
          const at = 12 + Math.floor(random() * 89);
          const step = (3 + 3 * random()) * (random() < 0.5 ? 1 : -1);
          const values = Array.from({ length: 104 }, (_, i) => 5 + noise() + (i >= at ? step : 0));
          const found = cusum(values)
            .slice(at, at + 4)
            .some((p) => p.state === 'alert' && p.direction === (step > 0 ? 'up' : 'down'));
          if (!found) missed++;
        }
        expect(missed).toBeLessThanOrEqual(10);
      }),
      { numRuns: 20 },
    );
  });

  // drift's weekly values are means over a trailing window of 4 weeks, so neighbours share
  // 3/4 of their data: a run of them strays from the baseline together, and 12 neighbours
  // spread less than 12 independent values would, so MAD underestimates their σ. Run as
  // independent values (overlap 1), such series of pure noise raised 6.5 alert points per
  // 104 weeks (over 100,000 seeds); with overlap 4 (σ × 2), 0.91 (sd 0.96; 40% of series
  // had none, the worst had 8), against 1.98 for independent values. So the property is
  // on a batch of 25 series: mean 22.7, sd 4.8 (over 4,000 batches, the worst had 41); the
  // bound of 50 is more than five sd above the mean, and far below the 163 of overlap 1.
  it('raises few alerts on 104 weeks of 4-week means of noise with overlap 4 (25 series ≤ 50)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: -100, max: 100, noNaN: true }), (seed, level) => {
        let total = 0;
        for (let s = 0; s < 25; s++) {
          const values = trailingMeans(normals(seed + s * 7_919)).map((x) => level + 2 * x);
          total += alerts(values, { overlap: SPAN }).length;
        }
        expect(total).toBeLessThanOrEqual(50);
      }),
      { numRuns: 20 },
    );
  });

  // A step of u in the weekly values (in units of their noise's σ) at week t ramps the
  // 4-week means up over weeks t to t + 3, u/4 more each week; the CUSUM has to catch it
  // with σ doubled. Over 100,000 seeds, with overlap 4, a step was detected in its
  // direction within weeks t to t + 3 63.8% of the time at 3σ and 93.1% at 5σ (by t + 4:
  // 77.7% and 97.6%; a step planted straight on the means instead, no ramp: 91.8% and
  // 99.8%). So the property is on batches of 100 steps of each: at most 60 of the 3σ steps
  // missed (expected 36; 61 or more is below one in a million) and at most 20 of the 5σ
  // steps (expected 6.9; 21 or more is about four in a million).
  it('detects most steps of 5σ, and more than half of 3σ, within weeks t to t + 3 of 4-week means', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = seededRandom(seed);
        const missed = { 3: 0, 5: 0 };
        for (let s = 0; s < 100; s++) {
          for (const size of [3, 5] as const) {
            const at = 12 + Math.floor(random() * 89);
            const step = size * (random() < 0.5 ? 1 : -1);
            const noise = normals(seed + s * 104_729 + size);
            const values = trailingMeans(noise, (week) => (week >= at ? step : 0));
            const found = cusum(values, { overlap: SPAN })
              .slice(at, at + 4)
              .some((p) => p.state === 'alert' && p.direction === (step > 0 ? 'up' : 'down'));
            if (!found) missed[size]++;
          }
        }
        expect(missed[3]).toBeLessThanOrEqual(60);
        expect(missed[5]).toBeLessThanOrEqual(20);
      }),
      { numRuns: 20 },
    );
  });
});
