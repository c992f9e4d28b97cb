import fc from 'fast-check';
import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import {
  createPathFilter,
  DEFAULT_IGNORE,
  type IgnorePattern,
  parseGeneratedAttributes,
} from './ignore-paths.js';

const defaults: IgnorePattern[] = DEFAULT_IGNORE.map((pattern) => ({ pattern, source: 'default' }));

describe('the path filter', () => {
  const filter = createPathFilter([
    ...defaults,
    { pattern: 'releasenotes/', source: 'orgwire.yaml' },
    { pattern: '!go.sum', source: '--ignore' },
    { pattern: '*.pb.go', source: '--ignore' },
  ]);
  it.each([
    ['package-lock.json', 'default'],
    ['web/app/yarn.lock', 'default'],
    ['services/cart/vendor/github.com/x/y.go', 'default'],
    ['node_modules/react/index.js', 'default'],
    ['releasenotes/notes/fix-1.yaml', 'orgwire.yaml'],
    ['api/v1/types.pb.go', '--ignore'],
  ])('leaves %s out, by the %s pattern', (path, source) => {
    expect(filter.ignoredBy(path)?.source).toBe(source);
  });
  it.each([
    ['go.sum'], // taken back by the user's !go.sum
    ['src/vendors.ts'],
    ['docs/releasenotes.md'],
    ['package.json'],
    ['api/v1/types.go'],
  ])('keeps %s', (path) => {
    expect(filter.ignoredBy(path)).toBeUndefined();
  });
  it('names the pattern that decides, as git check-ignore -v does', () => {
    const f = createPathFilter([
      { pattern: '*.go', source: 'a' },
      { pattern: 'gen/*.go', source: 'b' },
      { pattern: 'out/', source: 'c' },
      { pattern: 'out/*.go', source: 'd' },
    ]);
    // The last pattern matching the file itself…
    expect(f.ignoredBy('gen/x.go')?.source).toBe('b');
    expect(f.ignoredBy('x.go')?.source).toBe('a');
    // …but a folder left out leaves out all below it, by its own pattern.
    expect(f.ignoredBy('out/x.go')?.source).toBe('c');
  });
});

describe('linguist attributes in .gitattributes', () => {
  it('reads generated and vendored patterns, anchored to their folder, with their line', () => {
    const text = [
      '# generated code',
      '*.pb.go linguist-generated=true',
      'docs/api.md linguist-generated',
      '* text=auto',
      'third_party/** linguist-vendored',
      'keep.pb.go -linguist-generated',
      'x.go linguist-generated=false',
    ].join('\n');
    expect(parseGeneratedAttributes(text, '', '.gitattributes')).toEqual([
      { pattern: '*.pb.go', source: '.gitattributes:2' },
      { pattern: '/docs/api.md', source: '.gitattributes:3' },
      { pattern: '/third_party/**', source: '.gitattributes:5' },
      { pattern: '!keep.pb.go', source: '.gitattributes:6' },
      { pattern: '!x.go', source: '.gitattributes:7' },
    ]);
    expect(
      parseGeneratedAttributes(
        '*.gen.ts linguist-generated\n/out/x.ts linguist-generated',
        'web/',
        'web/.gitattributes',
      ),
    ).toEqual([
      { pattern: '/web/**/*.gen.ts', source: 'web/.gitattributes:1' },
      { pattern: '/web/out/x.ts', source: 'web/.gitattributes:2' },
    ]);
  });
  it('applies them as git would: a nested file’s pattern only below its folder', () => {
    const f = createPathFilter(
      parseGeneratedAttributes('*.gen.ts linguist-generated', 'web/', 'web/.gitattributes'),
    );
    expect(f.ignoredBy('web/src/a.gen.ts')).toBeDefined();
    expect(f.ignoredBy('web/a.gen.ts')).toBeDefined();
    expect(f.ignoredBy('server/a.gen.ts')).toBeUndefined();
  });
});

describe('the path filter against the ignore package it replaces', () => {
  const name = fc.constantFrom('a', 'b', 'A', 'ab', 'b.go', 'x.Go', 'vendor', '.a');
  const path = fc.array(name, { minLength: 1, maxLength: 4 }).map((n) => n.join('/'));
  const glob = fc
    .array(
      fc.constantFrom('a', 'B', '*', '?', '**', '*.go', '[ab]', '[^a]*', 'vendor', '.*', 'x*'),
      { minLength: 1, maxLength: 3 },
    )
    .map((n) => n.join('/'));
  const line = fc
    .tuple(fc.constantFrom('', '!', '/', '!/', '#', '\\!'), glob, fc.constantFrom('', '/', '  '))
    .map(([lead, body, trail]) => `${lead}${body}${trail}`)
    .filter((l) => !/\*\*\/\*\*/.test(l));

  it('leaves out the same paths, by the same pattern', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), path, (lines, p) => {
        const patterns = lines.map((pattern, i) => ({ pattern, source: String(i) }));
        const oracle = ignore({ allowRelativePaths: true }).add(
          patterns.map((x) => ({ pattern: x.pattern, mark: x.source })),
        );
        expect(createPathFilter(patterns).ignoredBy(p)?.source).toBe(oracle.test(p).rule?.mark);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the path filter on patterns that made the ignore package backtrack', () => {
  it('decides a path 2,000 folders deep against "**/a/**/a/…/b" at once', () => {
    const pattern = `${'**/a/'.repeat(8)}b`;
    const filter = createPathFilter([{ pattern, source: '.gitattributes:1' }]);
    const start = performance.now();
    expect(filter.ignoredBy(`${'a/'.repeat(2000)}c`)).toBeUndefined();
    expect(filter.ignoredBy(`${'a/'.repeat(2000)}b`)?.source).toBe('.gitattributes:1');
    // The package took 30 s at 40 folders deep, and grew with each one more.
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
