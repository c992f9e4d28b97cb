/**
 * How hard the fuzz properties under test/fuzz push each parser. `npm test` runs a short
 * pass; `npm run fuzz` sets ORGWIRE_FUZZ_RUNS (a million per parser) for the long run.
 */

/** Generated inputs each fuzz property tries. */
export const FUZZ_RUNS = Number(process.env.ORGWIRE_FUZZ_RUNS ?? 200);

/** Longest one input may take before it counts as a hang, in milliseconds. */
export const HANG_MS = 10_000;
