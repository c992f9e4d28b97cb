import fc from 'fast-check';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { codeownersPatternRegex } from '../../test/helpers/codeowners-regex.mjs';
import { compileGlob, type GlobDialect } from './compile-glob.js';

const PATHOLOGICAL = '*a*a*a*a*a*a*a*a*a*a*a*a*b';

/** Milliseconds `fn` takes; the bounds below are a hundred times what it needs. */
function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

describe('compileGlob: catalog path globs', () => {
  it.each([
    ['services/cart', 'services/cart', true],
    ['services/cart', 'services/cart/a.ts', false],
    ['services/cart', 'services/carts', false],
    ['services/*', 'services/cart', true],
    ['services/*', 'services/cart/a.ts', false],
    ['services/*', 'services', false],
    ['services/**', 'services', true],
    ['services/**', 'services/cart/a.ts', true],
    ['services/**', 'servicesx/a', false],
    ['**/api', 'api', true],
    ['**/api', 'a/b/api', true],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/**/b', 'a/b', true],
    ['*.go', 'main.go', true],
    ['*.go', 'cmd/main.go', false],
    ['*', '.github', true],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['[a-c]x', 'bx', true],
    ['[a-c]x', 'dx', false],
    ['[^a]x', 'ax', false],
    ['[^a]x', 'bx', true],
    ['[!a]x', 'bx', true],
    ['[[:digit:]]x', '7x', true],
    ['[z-a]', 'b', false],
    // Not a class name: its `[` is a member, as picomatch reads it; and never a crash.
    ['[[:constructor:]]', 'c', false],
    ['[[:constructor:]]', 'c]', true],
    ['[[:__proto__:]]', '_]', true],
    ['[]]', ']', true],
    ['a[', 'a[', true],
    ['a**', 'abc', true],
    ['a**', 'a/b', false],
    ['x{a}', 'x{a}', true],
    ['@(a)', '@(a)', true],
    ['**', '', false],
  ])('"%s" against "%s" is %s', (pattern, path, expected) => {
    expect(compileGlob(pattern, 'path').matches(path)).toBe(expected);
  });

  it.each([
    ['services/cart/**', 'services/cart'],
    ['services/cart', 'services/cart'],
    ['services/*/api', 'services'],
    ['*.go', ''],
    ['**/x', ''],
  ])('files "%s" under the folder "%s"', (pattern, base) => {
    expect(compileGlob(pattern, 'path').base).toBe(base);
  });
});

describe('compileGlob: gitignore patterns', () => {
  it.each([
    ['vendor/', 'vendor/', true],
    ['vendor/', 'vendor', false],
    ['vendor/', 'a/vendor/', true],
    ['go.sum', 'a/b/go.sum', true],
    ['/go.sum', 'a/go.sum', false],
    ['a/*.go', 'a/x.go', true],
    ['a/*.go', 'b/a/x.go', false],
    ['a/**', 'a', false],
    ['a/**', 'a/b/c', true],
    ['**/b', 'b', true],
    ['\\#x', '#x', true],
    ['[!a]x', 'bx', true],
    ['[[:space:]]', ' ', true],
    ['[[:constructor:]]', 'c]', false],
    ['a[b', 'a[b', false],
  ])('"%s" against "%s" is %s', (pattern, path, expected) => {
    expect(compileGlob(pattern, 'gitignore').matches(path)).toBe(expected);
  });
});

describe('compileGlob: GitLab CODEOWNERS patterns', () => {
  it.each([
    ['*', 'a', true],
    ['*', 'a/b/.c', true],
    ['*.rb', 'config/database.rb', true],
    ['*.rb', 'x.rb', true],
    ['/docs/', 'docs/a', true],
    ['/docs/', 'docs/a/b', true],
    ['/docs/', 'x/docs/a', false],
    ['/docs/*', 'docs/a', true],
    ['/docs/*', 'docs/a/b', false],
    ['/docs/**/*.md', 'docs/a.md', true],
    ['/docs/**/*.md', 'docs/x/y/a.md', true],
    ['lib/', 'lib/a', true],
    ['lib/', 'x/lib/a/b', true],
    // Without a trailing slash GitLab matches the file of that name only.
    ['/docs', 'docs', true],
    ['/docs', 'docs/a', false],
    ['ee/docs', 'x/ee/docs', true],
    ['ee/docs', 'ee/docs/a', false],
    // `**` not followed by `/` is one `*`: the files directly inside.
    ['/doc-locale/**', 'doc-locale/a', true],
    ['/doc-locale/**', 'doc-locale/a/b', false],
    ['path\\ with\\ spaces/', 'path with spaces/a', true],
    ['\\#file_with_pound.rb', '#file_with_pound.rb', true],
    ['README', 'x/README', true],
    ['[ab].txt', 'b.txt', true],
    ['[ab].txt', 'c.txt', false],
    ['/*.md', '.hidden.md', true],
  ])('"%s" against "%s" is %s', (pattern, path, expected) => {
    expect(compileGlob(pattern, 'gitlab').matches(path)).toBe(expected);
  });
});

describe('compileGlob: no pattern makes it backtrack', () => {
  const dialects: GlobDialect[] = ['codeowners', 'gitlab', 'gitignore', 'path'];
  const longName = 'a'.repeat(10_000);

  it.each(dialects)('matches %s\u2019s "*a*a…*b" against a 10,000-character name at once', (d) => {
    expect(
      timed(() => expect(compileGlob(PATHOLOGICAL, d).matches(longName)).toBe(false)),
    ).toBeLessThan(1000);
    expect(compileGlob(PATHOLOGICAL, d).matches(`${longName}b`)).toBe(true);
  });

  it.each(dialects)('matches %s\u2019s "**/a/**/a/…/b" against 2,000 folders at once', (d) => {
    const pattern = `${'**/a/'.repeat(12)}b`;
    const path = `${'a/'.repeat(2000)}c`;
    expect(timed(() => expect(compileGlob(pattern, d).matches(path)).toBe(false))).toBeLessThan(
      1000,
    );
  });

  it.each(dialects)('compiles and matches a %s pattern of 100,000 characters', (d) => {
    const literal = 'x'.repeat(100_000);
    expect(compileGlob(literal, d).matches(literal)).toBe(true);
    expect(compileGlob(literal, d).matches(`${literal}y`)).toBe(false);
    const stars = 'a*'.repeat(50_000);
    expect(compileGlob(stars, d).matches('a'.repeat(50_000))).toBe(true);
    expect(compileGlob(stars, d).matches('a'.repeat(49_999))).toBe(false);
    const deep = 'd/'.repeat(50_000).slice(0, -1);
    expect(compileGlob(deep, d).matches(deep)).toBe(true);
  });
});

// Generated patterns and paths small enough, and plain enough, for the backtracking
// matchers to answer quickly and without their own quirks (empty segments, `**/**`, `[!`).
// Git never records a `.` or `..` segment, which picomatch treats apart.
const name = fc.stringMatching(/^[ab.]{1,3}$/).filter((n) => n !== '.' && n !== '..');
const path = fc.array(name, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
const patternSegment = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.constantFrom('a', 'b', '.', '?', '*'), { minLength: 1, maxLength: 4 })
      .map((chars) => chars.join('').replace(/\*+/g, '*')),
  },
  { weight: 1, arbitrary: fc.constantFrom('**', '*', '[ab]', '[^a]', '[a-b].') },
);
const patternOf = (classes: boolean) =>
  fc
    .tuple(
      fc.constantFrom('', '/'),
      fc.array(classes ? patternSegment : patternSegment.filter((s) => !s.includes('[')), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.constantFrom('', '/'),
    )
    // `**/**` (also `**/` alone, which the old CODEOWNERS translation read so) was a quirk
    // of the old translation: it matched only paths with an empty segment.
    .filter(([, segments, trail]) => {
      const all = trail === '/' ? [...segments, '**'] : segments;
      return !all.some((s, i) => s === '**' && all[i - 1] === '**');
    })
    .map(([lead, segments, trail]) => `${lead}${segments.join('/')}${trail}`);

describe('compileGlob agrees with the matchers it replaces', () => {
  it('matches a CODEOWNERS pattern as the regular expression orgwire used before', () => {
    fc.assert(
      fc.property(patternOf(false), path, (pattern, p) => {
        expect(compileGlob(pattern, 'codeowners').matches(p)).toBe(
          codeownersPatternRegex(pattern).test(p),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('matches a GitLab pattern as its normalisation and Ruby\u2019s fnmatch, written out', () => {
    fc.assert(
      fc.property(patternOf(true), path, (pattern, p) => {
        expect(compileGlob(pattern, 'gitlab').matches(p)).toBe(gitlabRegex(pattern).test(`/${p}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('matches a catalog glob as picomatch with dot: true', () => {
    const glob = patternOf(true)
      .map((p) => p.replace(/^\/+|\/+$/g, ''))
      // picomatch lets `x/**` match `x` itself except when `x` ends in `*`; ours always does.
      .filter((p) => !/\*\/\*\*$/.test(p))
      // picomatch reads a name `*.*` alone as "with an extension" (`b.` fails, though `a*.*`
      // takes `a.`); ours lets `*` be empty there too, as git and the shell do.
      .filter((p) => !/(^|\/)\*\.\*($|\/)/.test(p));
    fc.assert(
      fc.property(glob, path, (pattern, p) => {
        expect(compileGlob(pattern, 'path').matches(p)).toBe(picomatch(pattern, { dot: true })(p));
      }),
      { numRuns: 2000 },
    );
  });

  it('matches a gitignore pattern as the ignore package, files and folders', () => {
    fc.assert(
      fc.property(patternOf(true), path, fc.boolean(), (pattern, p, folder) => {
        const tested = folder ? `${p}/` : p;
        const glob = compileGlob(pattern, 'gitignore');
        // The package also leaves out what is below a left-out folder, as git does.
        const folders = p.split('/').map((_, i, all) => `${all.slice(0, i).join('/')}/`);
        const ours = [...folders.slice(1), tested].some((f) => glob.matches(f));
        expect(ours).toBe(ignore({ allowRelativePaths: true }).add(pattern).ignores(tested));
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * GitLab's `normalize_pattern` and `File.fnmatch?(FNM_PATHNAME | FNM_DOTMATCH)` as one
 * regular expression over `/path`, for the generated patterns (names of `a`, `b`, `.`,
 * `?`, `*`, simple classes, and `**` as a whole name).
 */
function gitlabRegex(pattern: string): RegExp {
  let normal = pattern === '*' ? '/**/*' : pattern;
  if (!normal.startsWith('/')) normal = `/**/${normal}`;
  if (normal.endsWith('/')) normal = `${normal}**/*`;
  const names = normal.slice(1).split('/');
  let source = '^/';
  names.forEach((name, i) => {
    const last = i === names.length - 1;
    if (name === '**' && !last) {
      source += '(?:[^/]*/)*';
      return;
    }
    source += name
      .replace(/\*+/g, '*')
      .replace(/\[\^/g, '[^/')
      .replace(/\./g, '\\.')
      .replace(/\?/g, '[^/]')
      .replace(/\*/g, '[^/]*');
    if (!last) source += '/';
  });
  return new RegExp(`${source}$`);
}
