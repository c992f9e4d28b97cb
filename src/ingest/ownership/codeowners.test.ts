import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODEOWNERS_LOCATIONS,
  codeownersGlob,
  matchCodeowners,
  parseCodeowners,
} from './codeowners.js';

interface PatternCase {
  name: string;
  pattern: string;
  paths: Record<string, boolean>;
}

// The pattern table of hmarr/codeowners (testdata/patterns.json), MIT licence, copied unchanged.
const PATTERN_TABLE = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/codeowners-patterns.json', import.meta.url), 'utf8'),
) as PatternCase[];

// GitHub's table expects `[ ]` to be literal, but GitHub itself does not support ranges in
// CODEOWNERS and skips such a line, which is what we do.
const BRACKET_PATTERN = '/apps/[param]/file.ts';

// The example file of GitHub's "About code owners" (github/docs, content/repositories/
// managing-your-repositorys-settings-and-features/customizing-your-repository/
// about-code-owners.md, CC BY 4.0), verbatim.
const GITHUB_EXAMPLE = `# This is a comment.
# Each line is a file pattern followed by one or more owners.

# These owners will be the default owners for everything in
# the repo. Unless a later match takes precedence,
# @global-owner1 and @global-owner2 will be requested for
# review when someone opens a pull request.
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most
# precedence. When someone opens a pull request that only
# modifies JS files, only @js-owner and not the global
# owner(s) will be requested for a review.
*.js    @js-owner #This is an inline comment.

# You can also use email addresses if you prefer. They'll be
# used to look up users just like we do for commit author
# emails.
*.go docs@example.com

# Teams can be specified as code owners as well. Teams should
# be identified in the format @org/team-name. Teams must have
# explicit write access to the repository. In this example,
# the octocats team in the octo-org organization owns all .txt files.
*.txt @octo-org/octocats

# In this example, @doctocat owns any files in the build/logs
# directory at the root of the repository and any of its
# subdirectories.
/build/logs/ @doctocat

# The \`docs/*\` pattern will match files like
# \`docs/getting-started.md\` but not further nested files like
# \`docs/build-app/troubleshooting.md\`.
docs/*  docs@example.com

# In this example, @octocat owns any file in an apps directory
# anywhere in your repository.
apps/ @octocat

# In this example, @doctocat owns any file in the \`/docs\`
# directory in the root of your repository and any of its
# subdirectories.
/docs/ @doctocat

# In this example, any change inside the \`/scripts\` directory
# will require approval from @doctocat or @octocat.
/scripts/ @doctocat @octocat

# In this example, @octocat owns any file in a \`/logs\` directory such as
# \`/build/logs\`, \`/scripts/logs\`, and \`/deeply/nested/logs\`. Any changes
# in a \`/logs\` directory will require approval from @octocat.
**/logs @octocat

# In this example, @octocat owns any file in the \`/apps\`
# directory in the root of your repository except for the \`/apps/github\`
# subdirectory, as its owners are left empty.
/apps/ @octocat
/apps/github

# In this example, @octocat owns any file in the \`/apps\`
# directory in the root of your repository except for the \`/apps/github\`
# subdirectory, as this subdirectory has its own owner @doctocat
/apps/ @octocat
/apps/github @doctocat
`;

/** The 1-based number of the `occurrence`-th line of `text` that reads exactly `content`. */
function lineOf(text: string, content: string, occurrence = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === content && ++seen === occurrence) return i + 1;
  }
  throw new Error(`"${content}" is not line ${occurrence} of the text`);
}

/**
 * A reference glob matcher for one path segment: `*` is any run and `?` any one
 * character, neither of them a `/`.
 */
function segmentGlobMatches(glob: string, s: string): boolean {
  if (glob === '') return s === '';
  const [g] = glob;
  const [c] = s;
  if (g === '*') {
    return (
      segmentGlobMatches(glob.slice(1), s) ||
      (c !== undefined && c !== '/' && segmentGlobMatches(glob, s.slice(1)))
    );
  }
  if (c === undefined) return false;
  return (g === '?' ? c !== '/' : g === c) && segmentGlobMatches(glob.slice(1), s.slice(1));
}

const segment = fc.stringMatching(/^[abc]{1,3}$/);
const relativePath = fc.array(segment, { minLength: 1, maxLength: 6 });

describe('codeownersGlob', () => {
  const rows = PATTERN_TABLE.filter((c) => c.pattern !== BRACKET_PATTERN).flatMap((c) =>
    Object.entries(c.paths).map(([path, expected]) => ({ ...c, path, expected })),
  );

  it('is checked against the whole hmarr/codeowners table', () => {
    expect(PATTERN_TABLE.map((c) => c.pattern)).toContain(BRACKET_PATTERN);
    expect(rows.length).toBeGreaterThan(140);
  });

  it.each(rows)('$name: "$pattern" against "$path" is $expected', ({ pattern, path, expected }) => {
    expect(codeownersGlob(pattern).matches(path)).toBe(expected);
  });

  it('keeps * and ? inside one path segment', () => {
    const globSegment = fc
      .array(fc.constantFrom('a', 'b', '*', '?'), { minLength: 1, maxLength: 6 })
      // A run of asterisks is one `*` here; `**` would be the segment-spanning wildcard.
      .map((chars) => chars.join('').replace(/\*+/g, '*'));
    const pathSegment = fc
      .array(fc.constantFrom('a', 'b', '/'), { minLength: 1, maxLength: 6 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(globSegment, pathSegment, (glob, s) => {
        const compiled = codeownersGlob(`/root/${glob}/end.txt`);
        expect(compiled.matches(`root/${s}/end.txt`)).toBe(segmentGlobMatches(glob, s));
      }),
    );
  });

  it('matches everything below a rooted directory pattern at any depth, and nothing else', () => {
    fc.assert(
      fc.property(segment, segment, relativePath, (top, sub, segments) => {
        const path = segments.join('/');
        const inside = path.startsWith(`${top}/${sub}/`);
        expect(codeownersGlob(`/${top}/${sub}/`).matches(path)).toBe(inside);
      }),
    );
  });

  it('matches a rooted literal path itself and everything below it, and nothing else', () => {
    fc.assert(
      fc.property(segment, segment, relativePath, (top, sub, segments) => {
        const path = segments.join('/');
        const expected = path === `${top}/${sub}` || path.startsWith(`${top}/${sub}/`);
        expect(codeownersGlob(`/${top}/${sub}`).matches(path)).toBe(expected);
      }),
    );
  });

  it('matches a single-segment literal pattern wherever a segment has that name', () => {
    fc.assert(
      fc.property(segment, relativePath, (name, segments) => {
        const path = segments.join('/');
        expect(codeownersGlob(name).matches(path)).toBe(segments.includes(name));
      }),
    );
  });

  it('matches the files directly in a directory with dir/*, not deeper ones', () => {
    fc.assert(
      fc.property(segment, relativePath, (dir, segments) => {
        const path = segments.join('/');
        const direct = segments.length === 2 && segments[0] === dir;
        expect(codeownersGlob(`${dir}/*`).matches(path)).toBe(direct);
      }),
    );
  });

  it('never matches anything with the pattern "/"', () => {
    fc.assert(
      fc.property(relativePath, (segments) => {
        expect(codeownersGlob('/').matches(segments.join('/'))).toBe(false);
      }),
    );
  });
});

describe('matchCodeowners', () => {
  const patterns = PATTERN_TABLE.map((c) => c.pattern).filter((p) => p !== BRACKET_PATTERN);
  const paths = [...new Set(PATTERN_TABLE.flatMap((c) => Object.keys(c.paths)))];

  it('returns the last rule that matches, as GitHub does', () => {
    const ruleLine = fc
      .tuple(fc.constantFrom(...patterns), fc.constantFrom('', '@a', '@b @org/c', 'd@e.example'))
      .map(([pattern, owners]) => `${pattern} ${owners}`);
    fc.assert(
      fc.property(
        fc.array(ruleLine, { maxLength: 12 }),
        fc.constantFrom(...paths),
        (lines, path) => {
          const { rules, problems } = parseCodeowners(lines.join('\n'), 'CODEOWNERS');
          expect(problems).toEqual([]);
          const expected = rules.filter((rule) => rule.glob.matches(path)).at(-1);
          expect(matchCodeowners(rules, path)).toBe(expected);
        },
      ),
    );
  });

  it('returns nothing when no rule matches', () => {
    const { rules } = parseCodeowners('/docs/ @a\n*.go @b\n', 'CODEOWNERS');
    expect(matchCodeowners(rules, 'src/main.ts')).toBeUndefined();
    expect(matchCodeowners([], 'src/main.ts')).toBeUndefined();
  });
});

describe('parseCodeowners on the example of GitHub\u2019s "About code owners"', () => {
  const { rules, problems } = parseCodeowners(GITHUB_EXAMPLE, '.github/CODEOWNERS');
  const ruleAt = (content: string, occurrence = 1) =>
    rules.find((rule) => rule.line === lineOf(GITHUB_EXAMPLE, content, occurrence));

  it('reads its fourteen rules and reports no problem', () => {
    expect(problems).toEqual([]);
    expect(rules).toHaveLength(14);
    expect(rules.every((rule) => rule.file === '.github/CODEOWNERS')).toBe(true);
  });

  it('drops an inline comment after the owners', () => {
    expect(ruleAt('*.js    @js-owner #This is an inline comment.')).toMatchObject({
      pattern: '*.js',
      owners: ['@js-owner'],
    });
  });

  it('keeps a pattern with no owners as a rule that owns nothing', () => {
    expect(ruleAt('/apps/github')).toMatchObject({ pattern: '/apps/github', owners: [] });
  });

  const global = '*       @global-owner1 @global-owner2';
  it.each([
    // Nothing more specific: the default owners.
    ['README.md', global, 1, ['@global-owner1', '@global-owner2']],
    ['build/output.bin', global, 1, ['@global-owner1', '@global-owner2']],
    // `docs/*` has a slash inside, so it is anchored at the root.
    ['src/docs/guide.md', global, 1, ['@global-owner1', '@global-owner2']],
    ['src/index.js', '*.js    @js-owner #This is an inline comment.', 1, ['@js-owner']],
    ['cmd/server/main.go', '*.go docs@example.com', 1, ['docs@example.com']],
    ['notes/todo.txt', '*.txt @octo-org/octocats', 1, ['@octo-org/octocats']],
    // `/docs/` comes after `docs/*` and `*.js`, so it wins for direct and nested files.
    ['docs/getting-started.md', '/docs/ @doctocat', 1, ['@doctocat']],
    ['docs/build-app/troubleshooting.md', '/docs/ @doctocat', 1, ['@doctocat']],
    ['docs/index.js', '/docs/ @doctocat', 1, ['@doctocat']],
    // `**/logs` comes after `/build/logs/` and `*.txt`.
    ['build/logs/error.txt', '**/logs @octocat', 1, ['@octocat']],
    ['build/logs/2024/01/run.log', '**/logs @octocat', 1, ['@octocat']],
    ['deeply/nested/logs/x', '**/logs @octocat', 1, ['@octocat']],
    ['scripts/deploy.sh', '/scripts/ @doctocat @octocat', 1, ['@doctocat', '@octocat']],
    ['scripts/logs/run.log', '**/logs @octocat', 1, ['@octocat']],
    // `apps/` (no leading slash, one segment) matches an apps directory at any depth.
    ['src/apps/main.go', 'apps/ @octocat', 1, ['@octocat']],
    ['apps/web/page.tsx', '/apps/ @octocat', 2, ['@octocat']],
    ['apps/githubber/x', '/apps/ @octocat', 2, ['@octocat']],
    ['apps/github', '/apps/github @doctocat', 1, ['@doctocat']],
    ['apps/github/x', '/apps/github @doctocat', 1, ['@doctocat']],
  ])('decides %s by the line "%s" (#%i)', (path, content, occurrence, owners) => {
    const rule = matchCodeowners(rules, path);
    expect(rule?.line).toBe(lineOf(GITHUB_EXAMPLE, content, occurrence));
    expect(rule?.owners).toEqual(owners);
  });

  it('leaves apps/github without owners when the file ends after its first ending', () => {
    const emptyLine = lineOf(GITHUB_EXAMPLE, '/apps/github');
    const firstEnding = rules.filter((rule) => rule.line <= emptyLine);
    expect(matchCodeowners(firstEnding, 'apps/github/x')).toMatchObject({
      line: emptyLine,
      owners: [],
    });
    expect(matchCodeowners(firstEnding, 'apps/other/x')).toMatchObject({
      line: lineOf(GITHUB_EXAMPLE, '/apps/ @octocat'),
      owners: ['@octocat'],
    });
  });

  it('gives docs/* the files directly in docs/ only', () => {
    const docsStar = ruleAt('docs/*  docs@example.com');
    expect(docsStar?.glob.matches('docs/getting-started.md')).toBe(true);
    expect(docsStar?.glob.matches('docs/build-app/troubleshooting.md')).toBe(false);
  });

  it('gives /build/logs/ everything below build/logs at the root only', () => {
    const buildLogs = ruleAt('/build/logs/ @doctocat');
    expect(buildLogs?.glob.matches('build/logs/error.txt')).toBe(true);
    expect(buildLogs?.glob.matches('build/logs/build-app/error.txt')).toBe(true);
    expect(buildLogs?.glob.matches('x/build/logs/error.txt')).toBe(false);
  });

  it('reads the same rules from a file with CRLF line endings', () => {
    const crlf = parseCodeowners(GITHUB_EXAMPLE.replace(/\n/g, '\r\n'), '.github/CODEOWNERS');
    expect(crlf.problems).toEqual([]);
    const shape = (r: (typeof rules)[number]) => [r.line, r.pattern, r.owners, r.glob.pattern];
    expect(crlf.rules.map(shape)).toEqual(rules.map(shape));
    expect(crlf.rules.flatMap((r) => [r.pattern, ...r.owners]).join('')).not.toContain('\r');
  });
});

describe('parseCodeowners', () => {
  it.each([
    ['a negated pattern', '!docs/secret.md @octocat', /negation/],
    ['an escaped #', '\\#notes.md @octocat', /escaping "#"/],
    ['a character range', BRACKET_PATTERN, /\[ \]/],
    ['three asterisks', 'src/***/x.ts @octocat', /three asterisks/],
    ['a token that is no owner', '*.rb @ruby-owner not-an-owner', /"not-an-owner" is not an owner/],
    ['an @ with no name', '*.rb @', /"@" is not an owner/],
  ])('skips and reports %s, with its line', (_, line, message) => {
    const text = `* @default\n${line}\n*.md @docs\n`;
    const { rules, problems } = parseCodeowners(text, 'CODEOWNERS');
    expect(rules.map((rule) => rule.line)).toEqual([1, 3]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'CODEOWNERS', line: 2, message });
    expect(problems[0]?.hint).not.toBe('');
  });

  it('keeps no rule for the [ ] pattern of the hmarr table, so a path falls to earlier rules', () => {
    const { rules, problems } = parseCodeowners(`* @all\n${BRACKET_PATTERN} @apps\n`, 'CODEOWNERS');
    expect(problems.map((p) => p.line)).toEqual([2]);
    expect(rules.map((rule) => rule.pattern)).toEqual(['*']);
    expect(matchCodeowners(rules, 'apps/[param]/file.ts')?.owners).toEqual(['@all']);
  });

  it('accepts users, teams and e-mail addresses as owners', () => {
    const { rules, problems } = parseCodeowners(
      '/a/ @octocat @octo-org/octo_cats.v2 ops@corp.example @under_score',
      'CODEOWNERS',
    );
    expect(problems).toEqual([]);
    expect(rules[0]?.owners).toEqual([
      '@octocat',
      '@octo-org/octo_cats.v2',
      'ops@corp.example',
      '@under_score',
    ]);
  });

  it('ignores blank lines and comments but counts them in line numbers', () => {
    const text = '\n   \n\t\n# a comment\n    # an indented comment\n/src/  @octocat\n';
    const { rules, problems } = parseCodeowners(text, 'CODEOWNERS');
    expect(problems).toEqual([]);
    expect(rules.map((rule) => [rule.line, rule.pattern, rule.owners])).toEqual([
      [6, '/src/', ['@octocat']],
    ]);
  });

  it('reads a pattern followed by only a comment as a rule with no owners', () => {
    const { rules } = parseCodeowners('vendor/ # nobody owns vendored code', 'CODEOWNERS');
    expect(rules.map((rule) => [rule.pattern, rule.owners])).toEqual([['vendor/', []]]);
  });

  it('separates the pattern and the owners by any run of spaces and tabs', () => {
    const { rules } = parseCodeowners('  *.ts \t @a\t\t@b  ', 'CODEOWNERS');
    expect(rules.map((rule) => [rule.pattern, rule.owners])).toEqual([['*.ts', ['@a', '@b']]]);
  });

  it('reads nothing from an empty file', () => {
    expect(parseCodeowners('', 'CODEOWNERS')).toEqual({ rules: [], problems: [] });
  });
});

describe('matchCodeowners on patterns that made the old regular expressions fail', () => {
  it('decides a 10,000-character name against "*a*a*a*a*a*a*a*a*a*a*a*a*b" at once', () => {
    const { rules } = parseCodeowners('* @all\n*a*a*a*a*a*a*a*a*a*a*a*a*b @b\n', 'CODEOWNERS');
    const name = `src/${'a'.repeat(10_000)}`;
    const start = performance.now();
    expect(matchCodeowners(rules, name)?.owners).toEqual(['@all']);
    expect(matchCodeowners(rules, `${name}b`)?.owners).toEqual(['@b']);
    // Backtracking took longer than the age of the universe here; the engine takes ~1 ms.
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('reads and matches a pattern of 32,769 characters and more', () => {
    for (const length of [32_769, 100_000]) {
      const pattern = `/${'a'.repeat(length - 1)}`;
      const { rules, problems } = parseCodeowners(`${pattern} @long\n`, 'CODEOWNERS');
      expect(problems).toEqual([]);
      expect(matchCodeowners(rules, `${pattern.slice(1)}/x.ts`)?.owners).toEqual(['@long']);
      expect(matchCodeowners(rules, 'a/x.ts')).toBeUndefined();
    }
  });
});

describe('CODEOWNERS_LOCATIONS', () => {
  it('lists .github/, the root and docs/, in the order GitHub searches them', () => {
    expect([...CODEOWNERS_LOCATIONS]).toEqual([
      '.github/CODEOWNERS',
      'CODEOWNERS',
      'docs/CODEOWNERS',
    ]);
  });
});
