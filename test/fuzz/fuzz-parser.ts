import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { FUZZ_RUNS, HANG_MS } from './budget.js';

/**
 * The outcome of one fuzz property, written as JSON into the folder `ORGWIRE_FUZZ_REPORTS` (when set) as
 * it runs, so that `npm run fuzz` can report on a parser even when its process had to be
 * killed; the input in hand is in the same file name plus `.current`.
 */
export interface FuzzReport {
  parser: string;
  inputs: number;
  crashes: number;
  hangs: number;
  /** Runs of the built CLI that ended with another status than 0 or 2 (and not 70). */
  wrongExits?: number;
  /** One crashing or hanging input per distinct failure (up to ten), with what went wrong. */
  examples: { input: string; error: string }[];
  done: boolean;
}

const REPORTS = process.env.ORGWIRE_FUZZ_REPORTS;
/** In the long run every failing input is counted and the run goes on; in the suite the first one fails the test. */
const CAMPAIGN = REPORTS !== undefined;
/** In the suite, a few seconds per thousand inputs; the long run has its own watchdog. */
const TIMEOUT = CAMPAIGN ? 0 : 30_000 + FUZZ_RUNS * 10;

/** Counts inputs, crashes and hangs of one property, and writes them where `npm run fuzz` looks. */
export function recorder<T>(parser: string, show: (input: T) => string) {
  const report: FuzzReport = { parser, inputs: 0, crashes: 0, hangs: 0, examples: [], done: false };
  const file = REPORTS && join(REPORTS, `${parser.replace(/[^a-z0-9]+/gi, '-')}.json`);
  let lastWrite = 0;
  const save = () => {
    if (!file) return;
    // Written beside and renamed, so that the watchdog never reads half a report.
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file);
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
  return {
    report,
    /** Before each input: the watchdog sees the input in hand if the parser never returns. */
    start(input: T): number {
      if (file) {
        // The input in hand, so that a hang can be reproduced; the counts once a second.
        writeFileSync(`${file}.current`, show(input));
        if (Date.now() - lastWrite > 1000) save();
      }
      report.inputs++;
      return performance.now();
    },
    /** After each input: whether the property holds for it (always, in the long run). */
    end(input: T, started: number, thrown: unknown): boolean {
      const took = performance.now() - started;
      const crash = thrown === undefined || thrown instanceof AppError ? undefined : thrown;
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
    },
    finish(): void {
      report.done = true;
      save();
      expect(report.examples).toEqual([]);
    },
  };
}

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
      const run = recorder(parser, show);
      fc.assert(
        fc.property(arbitrary, (input) => {
          const started = run.start(input);
          let thrown: unknown;
          try {
            parse(input);
          } catch (error) {
            thrown = error ?? new Error(String(error));
          }
          return run.end(input, started, thrown);
        }),
        { numRuns: FUZZ_RUNS },
      );
      run.finish();
    },
    TIMEOUT,
  );
}

/** {@link fuzzParser} for a parser that returns a promise, over `runs` inputs. */
export function fuzzParserAsync<T>(
  parser: string,
  arbitrary: fc.Arbitrary<T>,
  parse: (input: T) => Promise<unknown>,
  show: (input: T) => string = (input) => JSON.stringify(input),
  runs = FUZZ_RUNS,
): void {
  it(
    `${parser}: never crashes or hangs on ${runs} generated inputs`,
    async () => {
      const run = recorder(parser, show);
      await fc.assert(
        fc.asyncProperty(arbitrary, async (input) => {
          const started = run.start(input);
          let thrown: unknown;
          try {
            await parse(input);
          } catch (error) {
            thrown = error ?? new Error(String(error));
          }
          return run.end(input, started, thrown);
        }),
        { numRuns: runs },
      );
      run.finish();
    },
    TIMEOUT === 0 ? 0 : TIMEOUT + runs * 50,
  );
}
