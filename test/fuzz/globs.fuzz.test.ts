import fc from 'fast-check';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlob, type GlobDialect } from '../../src/ingest/compile-glob.js';
import { createPathFilter } from '../../src/ingest/ignore-paths.js';
import { codeownersPatternRegex } from '../helpers/codeowners-regex.mjs';
import { nastyString } from './arbitraries.js';
import { FUZZ_RUNS } from './budget.js';
import { fuzzParser } from './fuzz-parser.js';

/** Pieces of glob syntax, and the characters that make a backtracking matcher work hardest. */
const GLOB_PIECES = [
  '*',
  '**',
  '?',
  '/',
  '[',
  ']',
  '!',
  '^',
  '-',
  '\\',
  'a',
  'b',
  '.',
  '{a,b}',
  '[:alpha:]',
  '[:constructor:]',
  '@(',
  '|',
  ')',
  ' ',
  '#',
];
const globText = fc.oneof(
  fc.array(fc.constantFrom(...GLOB_PIECES), { maxLength: 40 }).map((p) => p.join('')),
  nastyString,
  // `*a*a…*b` and `**/a/**/a/…` of any size, the shapes that hung the old matchers.
  fc.nat({ max: 40 }).map((n) => `${'*a'.repeat(n)}*b`),
  fc.nat({ max: 20 }).map((n) => `${'**/a/'.repeat(n)}b`),
  fc.nat({ max: 40_000 }).map((n) => 'x'.repeat(n)),
);
const pathText = fc.oneof(
  fc
    .array(fc.constantFrom('a', 'b', '/', '.', 'A', '[', '*', '\\', ' '), { maxLength: 40 })
    .map((p) => p.join('')),
  nastyString,
  fc.nat({ max: 10_000 }).map((n) => 'a'.repeat(n)),
  fc.nat({ max: 2_000 }).map((n) => `${'a/'.repeat(n)}c`),
);

describe('fuzzing the glob engine', () => {
  for (const dialect of ['codeowners', 'gitignore', 'path'] as GlobDialect[]) {
    fuzzParser(
      `compileGlob (${dialect})`,
      fc.tuple(globText, fc.array(pathText, { minLength: 1, maxLength: 4 }), fc.boolean()),
      ([pattern, paths, ignoreCase]) => {
        const glob = compileGlob(pattern, dialect, { ignoreCase });
        for (const path of paths) glob.matches(path);
      },
      ([pattern, paths]) =>
        JSON.stringify({
          pattern: pattern.slice(0, 200),
          paths: paths.map((p) => p.slice(0, 200)),
        }),
    );
  }
  fuzzParser(
    'createPathFilter',
    fc.tuple(
      fc.array(globText, { maxLength: 6 }),
      fc.array(pathText, { minLength: 1, maxLength: 4 }),
    ),
    ([patterns, paths]) => {
      const filter = createPathFilter(patterns.map((pattern) => ({ pattern, source: 'x' })));
      for (const path of paths) filter.ignoredBy(path);
    },
  );
});

// Small, plain patterns and paths, on which the matchers the engine replaced answer quickly
// and without the quirks the engine leaves behind (see compile-glob.test.ts).
const name = fc.stringMatching(/^[ab.]{1,3}$/).filter((n) => n !== '.' && n !== '..');
const path = fc.array(name, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
const segment = fc.oneof(
  fc
    .array(fc.constantFrom('a', 'b', '.', '?', '*'), { minLength: 1, maxLength: 4 })
    .map((c) => c.join('').replace(/\*+/g, '*')),
  fc.constantFrom('**', '*', '[ab]', '[^a]', '[a-b].'),
);
const pattern = (classes: boolean) =>
  fc
    .tuple(
      fc.constantFrom('', '/'),
      fc.array(classes ? segment : segment.filter((s) => !s.includes('[')), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.constantFrom('', '/'),
    )
    .filter(([, s, trail]) => {
      const all = trail === '/' ? [...s, '**'] : s;
      return !all.some((x, i) => x === '**' && all[i - 1] === '**');
    })
    .map(([lead, s, trail]) => `${lead}${s.join('/')}${trail}`);

describe('the glob engine agrees with the matchers it replaced', () => {
  it(`on ${FUZZ_RUNS} CODEOWNERS patterns: the old regular expressions`, () => {
    fc.assert(
      fc.property(pattern(false), path, (p, s) => {
        expect(compileGlob(p, 'codeowners').matches(s)).toBe(codeownersPatternRegex(p).test(s));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it(`on ${FUZZ_RUNS} catalog globs: picomatch with dot: true`, () => {
    const glob = pattern(true)
      .map((p) => p.replace(/^\/+|\/+$/g, ''))
      .filter((p) => !/\*\/\*\*$/.test(p));
    fc.assert(
      fc.property(glob, path, (p, s) => {
        expect(compileGlob(p, 'path').matches(s)).toBe(picomatch(p, { dot: true })(s));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it(`on ${FUZZ_RUNS} ignore lists: the ignore package`, () => {
    const line = fc
      .tuple(fc.constantFrom('', '!', '#', '\\!'), pattern(true))
      .map(([lead, p]) => `${lead}${p}`);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), path, (lines, s) => {
        const patterns = lines.map((p, i) => ({ pattern: p, source: String(i) }));
        const oracle = ignore({ allowRelativePaths: true }).add(
          patterns.map((p) => ({ pattern: p.pattern, mark: p.source })),
        );
        expect(createPathFilter(patterns).ignoredBy(s)?.source).toBe(oracle.test(s).rule?.mark);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
