import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { FUZZ_RUNS, HANG_MS } from './budget.js';

/**
 * The outcome of one fuzz property, written as JSON to `ORGWIRE_FUZZ_REPORT` (when set) as
 * it runs, so that `npm run fuzz` can report on a parser even when its process had to be
 * killed: `current` is the input being parsed when the report was last written.
 */
export interface FuzzReport {
  parser: string;
  inputs: number;
  crashes: number;
  hangs: number;
  /** One crashing or hanging input per distinct failure (up to ten), with what went wrong. */
  examples: { input: string; error: string }[];
  current?: string;
  done: boolean;
}

const REPORT = process.env.ORGWIRE_FUZZ_REPORT;
/** In the long run every failing input is counted and the run goes on; in the suite the first one fails the test. */
const CAMPAIGN = REPORT !== undefined;

/**
 * A fast-check property over `FUZZ_RUNS` inputs: `parse(input)` may return anything or throw
 * an {@link AppError}; anything else thrown (the CLI's exit 70) is a crash, and an input that
 * takes longer than `HANG_MS` is a hang.
 */
export function fuzzParser<T>(
  parser: string,
  arbitrary: fc.Arbitrary<T>,
  parse: (input: T) => unknown,
  show: (input: T) => string = (input) => JSON.stringify(input),
): void {
  it(
    `${parser}: never crashes or hangs on ${FUZZ_RUNS} generated inputs`,
    () => {
      const report: FuzzReport = {
        parser,
        inputs: 0,
        crashes: 0,
        hangs: 0,
        examples: [],
        done: false,
      };
      let lastWrite = 0;
      const save = (current?: string) => {
        if (!REPORT) return;
        writeFileSync(
          REPORT,
          JSON.stringify(current === undefined ? report : { ...report, current }),
        );
        lastWrite = Date.now();
      };
      const seen = new Set<string>();
      const record = (input: T, error: string) => {
        // A failure is told apart by its message and where it was thrown.
        const key = error.split('\n').slice(0, 2).join('\n');
        if (seen.has(key) || report.examples.length >= 10) return;
        seen.add(key);
        report.examples.push({ input: show(input), error });
      };
      save();
      fc.assert(
        fc.property(arbitrary, (input) => {
          // The watchdog of `npm run fuzz` sees the input in hand if the parser never returns.
          if (CAMPAIGN && Date.now() - lastWrite > 1000) save(show(input));
          report.inputs++;
          const start = performance.now();
          let crash: unknown;
          try {
            parse(input);
          } catch (error) {
            if (!(error instanceof AppError)) crash = error;
          }
          const took = performance.now() - start;
          if (took > HANG_MS) {
            report.hangs++;
            record(input, `took ${Math.round(took)} ms`);
          }
          if (crash !== undefined) {
            report.crashes++;
            record(input, crash instanceof Error ? (crash.stack ?? crash.message) : String(crash));
          }
          if (CAMPAIGN) return true;
          if (crash !== undefined) throw crash;
          return took <= HANG_MS;
        }),
        { numRuns: FUZZ_RUNS },
      );
      report.done = true;
      save();
      expect(report.examples).toEqual([]);
    },
    // The long run has its own watchdog; in the suite, a few seconds per thousand inputs.
    CAMPAIGN ? 0 : 30_000 + FUZZ_RUNS * 10,
  );
}
