#!/usr/bin/env node
// The glob engine (src/ingest/compile-glob.ts) against what it replaced, on a real repository.
//
//   npm run build && node bench/globs.mjs [REPO] [--runs N]
//
// REPO (default: the istio mirror) gives the paths of HEAD's tree and its CODEOWNERS. Three
// workloads, each timed for the engine and for its baseline in the same run, alternating, the
// best of N runs kept after one untimed warm-up round (the machines are small and noisy, so ratios, not seconds, count):
//
// - CODEOWNERS: every rule of REPO's CODEOWNERS against every path (compile + match), the
//   engine vs the backtracking RegExp orgwire built before (test/helpers/codeowners-regex.mjs);
// - catalog globs: a set of `orgwire.dev/paths`-like globs against every path, vs picomatch;
// - ignore: the default ignore patterns, REPO's .gitattributes linguist patterns and a few
//   user patterns as one filter over every path, vs the `ignore` package.
//
// Each workload also checks that both give the same answers, and a last row times one
// pathological pattern (`*a*a*a*a*a*a*a*a*a*a*a*a*b`) against a name that makes the baselines
// backtrack. Exit status: 0 when measured, 1 when the engine and a baseline disagree, 2 when
// the input is wrong.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt === -1 ? 3 : Number(args[runsAt + 1]);
const repo =
  args.find((a, i) => !a.startsWith('--') && i !== runsAt + 1) ?? '/work/.mirror/istio+istio/repo';
const dist = join(root, 'dist/ingest/index.js');
if (!existsSync(dist)) {
  process.stderr.write('Run `npm run build` first: bench/globs.mjs uses dist/.\n');
  process.exit(2);
}
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('Usage: node bench/globs.mjs [REPO] [--runs N]\n');
  process.exit(2);
}

const { compileGlob, parseCodeowners, createPathFilter, DEFAULT_IGNORE, parseGeneratedAttributes } =
  await import(dist);
const { codeownersPatternRegex } = await import(join(root, 'test/helpers/codeowners-regex.mjs'));
const picomatch = require('picomatch');
const ignore = require('ignore');

const git = (...a) =>
  execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });
let files;
let codeowners;
try {
  files = git('ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean);
  codeowners = git('show', 'HEAD:CODEOWNERS');
} catch {
  process.stderr.write(`${repo}: no git repository with a CODEOWNERS at HEAD\n`);
  process.exit(2);
}
const gitattributes = (() => {
  try {
    return git('show', 'HEAD:.gitattributes');
  } catch {
    return '';
  }
})();

const rules = parseCodeowners(codeowners, 'CODEOWNERS').rules.map((r) => r.pattern);
const folders = [...new Set(files.map((f) => f.split('/').slice(0, 2).join('/')))].filter((f) =>
  files.some((g) => g.startsWith(`${f}/`)),
);
const catalogGlobs = [
  ...folders
    .slice(0, 60)
    .flatMap((f) => [f, `${f}/**`, `${f}/*.go`, `**/${f.split('/').at(-1)}/*`]),
  '**/*.proto',
  'pkg/*/**',
  'manifests/charts/*/templates/**',
  'tools/[a-m]*',
  'samples/*/src/**',
  '**/testdata/*.yaml',
  'istioctl/pkg/?*/**',
];
const ignorePatterns = [
  ...DEFAULT_IGNORE.map((pattern) => ({ pattern, source: 'default' })),
  ...parseGeneratedAttributes(gitattributes, '', '.gitattributes'),
  ...['*.md', 'releasenotes/', '**/testdata/**', '!pilot/**/testdata/**', 'Makefile*'].map(
    (pattern) => ({ pattern, source: '--ignore' }),
  ),
].map((p, i) => ({ ...p, source: `${i}` }));

/** Milliseconds `fn` takes, and what it returns. */
function time(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Every pattern against every path: the bit string of answers. */
function allPairs(patterns, compile) {
  const out = new Uint8Array(patterns.length * files.length);
  patterns.forEach((pattern, p) => {
    const match = compile(pattern);
    files.forEach((file, f) => {
      out[p * files.length + f] = match(file) ? 1 : 0;
    });
  });
  return out;
}

const workloads = [
  {
    name: 'CODEOWNERS rules',
    size: `${rules.length} rules × ${files.length} paths`,
    engine: () =>
      allPairs(rules, (p) => {
        const g = compileGlob(p, 'codeowners');
        return (f) => g.matches(f);
      }),
    baseline: () =>
      allPairs(rules, (p) => {
        const r = codeownersPatternRegex(p);
        return (f) => r.test(f);
      }),
    baselineName: 'RegExp',
  },
  {
    name: 'catalog globs',
    size: `${catalogGlobs.length} globs × ${files.length} paths`,
    engine: () =>
      allPairs(catalogGlobs, (p) => {
        const g = compileGlob(p, 'path');
        return (f) => g.matches(f);
      }),
    baseline: () => allPairs(catalogGlobs, (p) => picomatch(p, { dot: true })),
    baselineName: 'picomatch',
  },
  {
    name: 'ignore filter',
    size: `${ignorePatterns.length} patterns, ${files.length} paths`,
    engine: () => {
      const filter = createPathFilter(ignorePatterns);
      return files.map((f) => filter.ignoredBy(f)?.source ?? '').join('\n');
    },
    baseline: () => {
      const ig = ignore({ allowRelativePaths: true }).add(
        ignorePatterns.map((p) => ({ pattern: p.pattern, mark: p.source })),
      );
      return files.map((f) => ig.test(f).rule?.mark ?? '').join('\n');
    },
    baselineName: 'ignore',
  },
];

const same = (a, b) =>
  typeof a === 'string' ? a === b : a.length === b.length && a.every((x, i) => x === b[i]);

process.stdout.write(
  `bench/globs.mjs — ${repo} (${files.length} paths), best of ${runs}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n\n`,
);
process.stdout.write('| workload | size | engine ms | baseline ms | engine / baseline |\n');
process.stdout.write('|---|---|---:|---:|---:|\n');
let disagree = false;
for (const w of workloads) {
  let best = { engine: Infinity, baseline: Infinity };
  // One untimed round first, so that neither pays for the JIT's warm-up in the timed ones.
  if (!same(w.engine(), w.baseline())) disagree = true;
  for (let r = 0; r < runs; r++) {
    const e = time(w.engine);
    const b = time(w.baseline);
    if (!same(e.value, b.value)) disagree = true;
    best = { engine: Math.min(best.engine, e.ms), baseline: Math.min(best.baseline, b.ms) };
  }
  process.stdout.write(
    `| ${w.name} vs ${w.baselineName} | ${w.size} | ${best.engine.toFixed(1)} | ${best.baseline.toFixed(1)} | ${(best.engine / best.baseline).toFixed(2)} |\n`,
  );
  if (disagree) process.stdout.write(`  ^ the engine and ${w.baselineName} disagree\n`);
}

const PATHOLOGICAL = '*a*a*a*a*a*a*a*a*a*a*a*a*b';
const name = 'a'.repeat(30);
const slow = [
  ['RegExp (CODEOWNERS)', () => codeownersPatternRegex(PATHOLOGICAL).test(name)],
  ['picomatch', () => picomatch(PATHOLOGICAL, { dot: true })(name)],
];
process.stdout.write(`\n"${PATHOLOGICAL}" against a name of ${name.length} "a"s:\n`);
for (const [label, fn] of slow) {
  process.stdout.write(`  ${label}: ${time(fn).ms.toFixed(1)} ms\n`);
}
const long = 'a'.repeat(10_000);
for (const dialect of ['codeowners', 'path', 'gitignore']) {
  const g = compileGlob(PATHOLOGICAL, dialect);
  process.stdout.write(
    `  engine (${dialect}), a name of 10,000: ${time(() => g.matches(long)).ms.toFixed(1)} ms\n`,
  );
}
process.exit(disagree ? 1 : 0);
