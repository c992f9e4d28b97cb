import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeownersCoverage, literalBase } from './codeowners-coverage.js';
import { type CodeownersRule, matchCodeowners, parseCodeowners } from './ownership/codeowners.js';

const FILES = [
  'README.md',
  'docs/index.md',
  'docs/api/rest.md',
  'src/app.ts',
  'src/app.test.ts',
  'src/lib/util.ts',
  'tools/build.sh',
];

function coverage(codeowners: string, files: readonly string[] = FILES) {
  const { rules, problems } = parseCodeowners(codeowners, 'CODEOWNERS');
  expect(problems).toEqual([]);
  return codeownersCoverage(rules, files);
}

describe('codeownersCoverage', () => {
  it('finds nothing wrong when every rule decides some file', () => {
    expect(
      coverage('* @acme/all\n/docs/ @acme/writers\n*.test.ts @acme/qa\n/src/lib/ @acme/core\n'),
    ).toEqual({ deadRules: [], shadowedRules: [] });
  });

  it('reports a rule that matches no file as dead, with its line and a hint', () => {
    const { deadRules, shadowedRules } = coverage(
      '* @acme/all\n/services/ @acme/backend\n*.go @acme/gophers\n',
    );
    expect(deadRules.map((r) => [r.line, r.pattern, r.owners])).toEqual([
      [2, '/services/', ['@acme/backend']],
      [3, '*.go', ['@acme/gophers']],
    ]);
    expect(deadRules[0]).toMatchObject({
      file: 'CODEOWNERS',
      message: '"/services/" matches no file at HEAD, so this rule decides nothing',
      hint: expect.stringContaining('Remove the rule, or correct its pattern'),
    });
    expect(shadowedRules).toEqual([]);
  });

  it('reports a rule that a later rule overrides for every file it matches as shadowed', () => {
    const { deadRules, shadowedRules } = coverage('/docs/api/ @acme/api\n/docs/ @acme/writers\n');
    expect(deadRules).toEqual([]);
    expect(shadowedRules).toEqual([
      {
        file: 'CODEOWNERS',
        line: 1,
        pattern: '/docs/api/',
        owners: ['@acme/api'],
        files: 1,
        overriddenBy: [2],
        message:
          '"/docs/api/" decides no file: the one file it matches is matched by a later rule (line 2), and the last matching rule wins',
        hint: 'Remove the rule, or move it below line 2 if its owners should win.',
      },
    ]);
  });

  it('names every later rule that wins over a shadowed one', () => {
    const { shadowedRules } = coverage('/src/ @acme/web\n*.ts @acme/ts\n/src/lib/ @acme/core\n');
    expect(shadowedRules.map((r) => [r.line, r.files, r.overriddenBy])).toEqual([[1, 3, [2, 3]]]);
    expect(shadowedRules[0]?.message).toContain(
      'all 3 files it matches are matched by later rules (lines 2, 3)',
    );
  });

  it('does not report a rule that later rules override for only some of its files', () => {
    const { shadowedRules, deadRules } = coverage('/docs/ @acme/writers\n/docs/api/ @acme/api\n');
    expect(shadowedRules).toEqual([]);
    expect(deadRules).toEqual([]);
  });

  it('reports a catch-all that every file overrides, and an un-owning rule too', () => {
    const { shadowedRules } = coverage(
      '* @acme/all\n/src/ \n/docs/ @acme/writers\n* @acme/again\n',
    );
    expect(shadowedRules.map((r) => [r.line, r.overriddenBy])).toEqual([
      [1, [4]],
      [2, [4]],
      [3, [4]],
    ]);
  });

  it('treats a pattern without an inner slash as matching at any depth', () => {
    // "api/" matches docs/api/ although the folder is not at the root.
    const { deadRules } = coverage('api/ @acme/api\n/api/ @acme/root-api\n');
    expect(deadRules.map((r) => r.line)).toEqual([2]);
  });

  it('reports every rule of a repository with no files as dead', () => {
    expect(coverage('* @acme/all\n', []).deadRules).toHaveLength(1);
  });
});

describe('literalBase', () => {
  it.each([
    ['/pkg/api/*.go', 'pkg/api'],
    ['/pkg/api/', 'pkg/api'],
    ['/pkg/api', 'pkg/api'],
    ['pkg/api/', 'pkg/api'],
    ['docs/**/x', 'docs'],
    ['/a/b?c/d', 'a'],
    ['/a\\ b/c', ''],
    ['*.go', ''],
    ['build/', ''],
    ['**/x', ''],
    ['/', ''],
    ['*', ''],
  ])('files %s under %j', (pattern, base) => {
    expect(literalBase(pattern)).toBe(base);
  });
});

/** The same answer the slow way: every rule against every file. */
function naive(rules: readonly CodeownersRule[], files: readonly string[]) {
  const deciders = files.map((f) => matchCodeowners(rules, f));
  const dead: number[] = [];
  const shadowed: [number, number, number[]][] = [];
  for (const rule of rules) {
    const hits = files.flatMap((f, i) => (rule.glob.matches(f) ? [i] : []));
    if (hits.length === 0) dead.push(rule.line);
    else if (!deciders.includes(rule)) {
      const by = [...new Set(hits.map((i) => deciders[i]?.line as number))].sort((a, b) => a - b);
      shadowed.push([rule.line, hits.length, by]);
    }
  }
  return { dead, shadowed };
}

const segment = fc.constantFrom('a', 'b', 'ab', 'x.go', 'y.md');
const file = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const pattern = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.constantFrom('a', 'b', 'ab', '*', '**', 'a*', '?', '*.go', 'x.go', 'y.md'), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.boolean(),
  )
  .map(
    ([anchored, segments, dir]) => `${anchored ? '/' : ''}${segments.join('/')}${dir ? '/' : ''}`,
  )
  .filter((p) => !p.includes('***') && !p.includes('//'));

describe('codeownersCoverage, against every rule tried on every file', () => {
  it('finds the same dead and shadowed rules, and none of them decides any file', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength: 1, maxLength: 8 }),
        fc.uniqueArray(file, { maxLength: 25 }),
        (patterns, files) => {
          const { rules } = parseCodeowners(
            patterns.map((p, i) => `${p} @acme/t${i}`).join('\n'),
            'CODEOWNERS',
          );
          const found = codeownersCoverage(rules, files);
          expect({
            dead: found.deadRules.map((r) => r.line),
            shadowed: found.shadowedRules.map((r) => [r.line, r.files, r.overriddenBy]),
          }).toEqual(naive(rules, files));
          const idle = new Set([...found.deadRules, ...found.shadowedRules].map((r) => r.line));
          for (const f of files) expect(idle.has(matchCodeowners(rules, f)?.line ?? 0)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
