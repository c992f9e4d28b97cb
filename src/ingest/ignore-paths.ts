import { join } from 'node:path';
import { compileGlob, type Glob } from './compile-glob.js';
import type { GitSource } from './git.js';

/**
 * Paths left out of every analysis unless a user's pattern takes them back (`!go.sum`):
 * lock files, which change with every dependency bump and say nothing about who must
 * coordinate, and vendored or installed third-party code.
 */
export const DEFAULT_IGNORE: readonly string[] = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'go.sum',
  'Cargo.lock',
  'Gemfile.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'composer.lock',
  'vendor/',
  'node_modules/',
];

/** Where an ignore pattern came from, as the report names it. */
export type IgnoreSource = 'default' | 'orgwire.yaml' | '--ignore' | string;

export interface IgnorePattern {
  pattern: string;
  /** `default`, `orgwire.yaml`, `--ignore`, or the `.gitattributes` file and line. */
  source: IgnoreSource;
}

export interface PathFilter {
  /**
   * The pattern that leaves a repository-relative path out (the last that matches it or a
   * folder above it, as `git check-ignore -v` reports), or undefined when the path stays.
   */
  ignoredBy(path: string): IgnorePattern | undefined;
  /** Every pattern in force, in the order they apply (a later `!pattern` takes a path back). */
  patterns: readonly IgnorePattern[];
}

/**
 * A gitignore-style filter over patterns given in the order they apply: the defaults,
 * then `.gitattributes` patterns marked `linguist-generated` or `linguist-vendored`, then
 * the user's, so that a user's `!pattern` takes a path back. Git's rules (as the `ignore`
 * package applied them before, letters compared without case): the last pattern that
 * matches decides; a folder left out leaves out everything below it, which no later
 * `!pattern` takes back; `#` starts a comment, `\#` and `\!` a literal, and trailing
 * spaces are dropped unless escaped.
 */
export function createPathFilter(patterns: readonly IgnorePattern[]): PathFilter {
  const rules = patterns.flatMap((p, index) => {
    const rule = ignoreRule(p.pattern);
    return rule ? [{ ...rule, index }] : [];
  });
  /** The rule that decides one path or folder (`dir/`) by itself, its folders aside. */
  const decide = (path: string): IgnorePattern | 'kept' | undefined => {
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i] as (typeof rules)[number];
      if (rule.glob.matches(path)) return rule.negative ? 'kept' : patterns[rule.index];
    }
    return undefined;
  };
  const folders = new Map<string, IgnorePattern | undefined>();
  const cache = new Map<string, IgnorePattern | undefined>();
  return {
    patterns,
    ignoredBy(path) {
      if (path === '') return undefined;
      if (cache.has(path)) return cache.get(path);
      let hit: IgnorePattern | undefined;
      for (let i = path.indexOf('/'); i !== -1 && hit === undefined; i = path.indexOf('/', i + 1)) {
        const folder = path.slice(0, i + 1);
        if (!folders.has(folder)) {
          const decided = decide(folder);
          folders.set(folder, decided === 'kept' ? undefined : decided);
        }
        hit = folders.get(folder);
      }
      if (hit === undefined) {
        const decided = decide(path);
        hit = decided === 'kept' ? undefined : decided;
      }
      cache.set(path, hit);
      return hit;
    },
  };
}

/** One line of a gitignore-style list as a rule, or undefined for a comment or blank. */
function ignoreRule(line: string): { glob: Glob; negative: boolean } | undefined {
  if (line.startsWith('#')) return undefined;
  const negative = line.startsWith('!');
  let body = negative ? line.slice(1) : line;
  let end = body.length;
  while (body[end - 1] === ' ') end--;
  // A space escaped by an odd run of backslashes stays.
  if (end < body.length && trailingBackslashes(body.slice(0, end)) % 2 === 1) end++;
  body = body.slice(0, end);
  if (body === '' || trailingBackslashes(body) % 2 === 1) return undefined;
  return { glob: compileGlob(body, 'gitignore', { ignoreCase: true }), negative };
}

function trailingBackslashes(text: string): number {
  let count = 0;
  while (text[text.length - count - 1] === '\\') count++;
  return count;
}

/**
 * The patterns of every `.gitattributes` file in HEAD's tree that mark files as generated
 * or vendored the way GitHub's linguist reads them (`linguist-generated`,
 * `linguist-generated=true`; `-linguist-generated` or `=false` takes a path back), as
 * gitignore patterns relative to the repository root.
 */
export async function generatedPatterns(
  git: GitSource,
  headFiles: readonly string[],
  shownAs: string = git.dir,
): Promise<IgnorePattern[]> {
  const out: IgnorePattern[] = [];
  const files = headFiles.filter((f) => f === '.gitattributes' || f.endsWith('/.gitattributes'));
  for (const file of files.sort()) {
    const text = await git
      .run(['cat-file', 'blob', `HEAD:${file}`])
      .then((b) => b.toString('utf8'))
      .catch(() => undefined); // a blob missing from a partial clone: nothing to read
    if (text === undefined) continue;
    const folder = file.slice(0, file.length - '.gitattributes'.length);
    out.push(...parseGeneratedAttributes(text, folder, join(shownAs, file)));
  }
  return out;
}

const LINGUIST = /^(-?)linguist-(generated|vendored)(?:=(.*))?$/;

/** The `linguist-generated`/`linguist-vendored` lines of one `.gitattributes`, as patterns. */
export function parseGeneratedAttributes(
  text: string,
  folder: string,
  file: string,
): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [pattern, ...attributes] = line.split(/\s+/);
    if (pattern === undefined || pattern.startsWith('[attr]') || pattern.startsWith('!')) return;
    for (const attribute of attributes) {
      const match = LINGUIST.exec(attribute);
      if (!match) continue;
      const value = (match[3] ?? 'true').toLowerCase();
      const set = match[1] === '' && value !== 'false' && value !== '0';
      out.push({
        pattern: `${set ? '' : '!'}${rooted(pattern, folder)}`,
        source: `${file}:${index + 1}`,
      });
    }
  });
  return out;
}

/**
 * A `.gitattributes` pattern of `folder` as a gitignore pattern of the repository root:
 * a pattern without a slash matches at any depth below its folder; one with a slash is
 * anchored to it (git's rules for both files).
 */
function rooted(pattern: string, folder: string): string {
  const body = pattern.replace(/^\//, '');
  if (folder === '')
    return pattern.includes('/') && !pattern.startsWith('/') ? `/${body}` : pattern;
  const anchored = body.replace(/\/$/, '').includes('/') || pattern.startsWith('/');
  return anchored ? `/${folder}${body}` : `/${folder}**/${body}`;
}
