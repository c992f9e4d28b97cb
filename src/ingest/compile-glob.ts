/**
 * One glob engine for every ownership format: CODEOWNERS lines, gitignore-style patterns
 * (`ignore:`, `--ignore`, `.gitattributes`) and catalog `orgwire.dev/paths` globs. Each
 * dialect compiles to the same program — a list of path-segment patterns and `**`s — and
 * one matcher runs it without backtracking, so a match costs at most
 * O(|path| × |pattern|) character steps whatever the pattern (`*a*a*a*a*a*a*a*a*a*a*a*a*b`
 * against a 10,000-character name included), and a pattern of any length compiles.
 */

/**
 * Which ownership format's rules a pattern follows:
 * - `codeowners`: GitHub's CODEOWNERS reading of gitignore (see `codeownersElements`);
 * - `gitlab`: GitLab's CODEOWNERS patterns (see `gitlabElements`);
 * - `gitignore`: git's own rules, for `ignore:` patterns and `.gitattributes`;
 * - `path`: a catalog `orgwire.dev/paths` glob, matched against a whole path.
 */
export type GlobDialect = 'codeowners' | 'gitlab' | 'gitignore' | 'path';

/** A compiled pattern. */
export interface Glob {
  /** The pattern as written. */
  readonly pattern: string;
  /**
   * The folder every matching path is or lies below, when the dialect anchors the pattern
   * at the root: its leading literal segments (`services/cart` for `services/cart/**`),
   * else `''`. An index key only: `''` is always safe.
   */
  readonly base: string;
  /**
   * Whether a repository-relative path (`/`-separated, no leading `/`) matches. A trailing
   * `/` says the path is a folder, which only the gitignore dialect distinguishes (a
   * pattern ending in `/` matches folders only). The empty path matches nothing.
   */
  matches(path: string): boolean;
}

/** One path-segment pattern: its tokens, and whether it must match a non-empty name. */
interface Segment {
  kind: 'segment';
  tokens: Token[];
  nonEmpty: boolean;
  /** The tokens' text when they are all literal, for a plain comparison. */
  literal: string | undefined;
}
/** Any number of whole path segments, none included. */
interface GlobStar {
  kind: 'globstar';
}
type Element = Segment | GlobStar;

type Token =
  | { kind: 'char'; code: number }
  /** `?`: any one character. */
  | { kind: 'any' }
  /** `*`: any run of characters, the empty one included. */
  | { kind: 'star' }
  | { kind: 'class'; negated: boolean; ranges: number[] };

const GLOBSTAR: GlobStar = { kind: 'globstar' };
/** Exactly one path segment, whatever its name. */
const ANY_SEGMENT: Segment = segment([{ kind: 'star' }], false);
const NEVER: Glob['matches'] = () => false;

export interface GlobOptions {
  /**
   * Compare letters without case (ASCII ranges of `[...]` too), as the `ignore` package
   * did by default for `ignore:` patterns. Off unless asked for.
   */
  ignoreCase?: boolean;
}

/** Compiles a pattern of one dialect into a matcher; never throws, whatever the pattern. */
export function compileGlob(
  pattern: string,
  dialect: GlobDialect,
  options: GlobOptions = {},
): Glob {
  const fold = options.ignoreCase === true;
  const program =
    dialect === 'codeowners'
      ? codeownersElements(pattern)
      : dialect === 'gitlab'
        ? gitlabElements(pattern)
        : dialect === 'gitignore'
          ? gitignoreElements(fold ? pattern.toLowerCase() : pattern, fold)
          : pathElements(fold ? pattern.toLowerCase() : pattern, fold);
  if (program === undefined) return { pattern, base: '', matches: NEVER };
  const { elements, dirOnly, anchored } = program;
  const parts = split(elements);
  return {
    pattern,
    base: anchored ? literalBase(elements) : '',
    matches(path) {
      if (path === '') return false;
      const isDir = path.endsWith('/');
      if (dirOnly && !isDir) return false;
      if (fold) path = path.toLowerCase();
      // A folder's trailing `/` is the gitignore dialect's mark, not an empty last name.
      const last = isDir && dialect === 'gitignore' ? path.length - 1 : path.length;
      return last > 0 && matchParts(parts, path, last);
    },
  };
}

interface Program {
  elements: Element[];
  /** Only folders match (a gitignore pattern with a trailing `/`). */
  dirOnly: boolean;
  /** Matching paths start with the leading literal segments. */
  anchored: boolean;
}

/**
 * CODEOWNERS as GitHub reads it (the translation of hmarr/codeowners, whose test table we
 * share): a pattern with no inner slash matches at any depth; a leading slash anchors it
 * at the root; a trailing slash matches everything inside a folder; `*` and `?` stay inside
 * one segment and `dir/*` matches the files directly in `dir` only; `**` spans segments;
 * a final segment that is not `*` matches that file or everything below that folder; `\`
 * takes the next character literally; `[` and `]` are literal (GitHub skips such lines).
 */
function codeownersElements(pattern: string): Program | undefined {
  if (pattern === '/') return undefined;
  let names = pattern.split('/');
  const anchored =
    names[0] === '' || !(names.length === 1 || (names.length === 2 && names[1] === ''));
  if (names[0] === '') names = names.slice(1);
  else if (!anchored && names[0] !== '**') names = ['**', ...names];
  if (names.length > 1 && names[names.length - 1] === '') names[names.length - 1] = '**';

  const last = names.length - 1;
  const elements: Element[] = [];
  names.forEach((name, i) => {
    if (name === '**') {
      // Alone it is any non-empty path; last, it is everything inside (one segment or more).
      if (i === last) elements.push(ANY_SEGMENT);
      elements.push(GLOBSTAR);
    } else if (name === '*') {
      elements.push(segment([{ kind: 'star' }], true));
    } else {
      elements.push(nameSegment(name, CODEOWNERS_SYNTAX, 'any') as Segment);
      if (i === last) elements.push(GLOBSTAR);
    }
  });
  return { elements, dirOnly: false, anchored };
}

/**
 * A GitLab CODEOWNERS pattern, as GitLab matches it (`Gitlab::CodeOwners::File`): the
 * pattern is normalised — `*` alone becomes `/**\/*`, a pattern without a leading `/` gets
 * `/**\/` before it (so `ee/docs` matches at any depth), one ending in `/` gets `**\/*`
 * after it (everything inside) — and matched against `/path` by Ruby's `File.fnmatch?` with
 * `FNM_PATHNAME | FNM_DOTMATCH`: the whole path must match; `*`, `?` and `[...]` stay
 * inside one name and match dot-files; `**\/` spans any number of folders, none included;
 * `**` anywhere else is `*` (so `/docs/**` is the files directly in `docs`); `\` takes the
 * next character literally. Unlike GitHub's, `/docs` without a trailing slash matches a
 * file named `docs` only, not what a folder `docs` holds.
 */
function gitlabElements(pattern: string): Program | undefined {
  let normal = pattern.replace(/^\\#/, '#').replace(/\\\s+/g, ' ');
  if (normal === '*') normal = '/**/*';
  if (!normal.startsWith('/')) normal = `/**/${normal}`;
  if (normal.endsWith('/')) normal = `${normal}**/*`;
  const names = normal.slice(1).split('/');
  const last = names.length - 1;
  const syntax: Syntax = { classes: true, unterminated: 'literal', fold: false };
  const elements = names.map(
    (name, i): Element =>
      name === '**' && i < last
        ? GLOBSTAR
        : (nameSegment(name.replace(/\*{2,}/g, '*'), syntax, 'any') as Segment),
  );
  return { elements: squeeze(elements), dirOnly: false, anchored: true };
}

/**
 * A gitignore pattern by git's rules (the `!` and `#` of a whole line are the caller's):
 * a trailing `/` matches folders only; a pattern with a `/` before its end is anchored at
 * the root, one without matches a name at any depth; `**` as a whole segment spans any
 * number of them (`a/**` everything inside `a`, not `a` itself); `*`, `?` and `[...]`
 * stay inside one segment; `\` takes the next character literally.
 */
function gitignoreElements(pattern: string, fold: boolean): Program | undefined {
  const dirOnly = pattern.endsWith('/') && !pattern.endsWith('\\/');
  const body = dirOnly ? pattern.slice(0, -1) : pattern;
  if (body === '' || body === '/') return undefined;
  const anchored = body.includes('/');
  let names = body.split('/');
  if (names[0] === '') names = names.slice(1);
  else if (!anchored && names[0] !== '**') names = ['**', ...names];
  const last = names.length - 1;
  const syntax: Syntax = { classes: true, unterminated: 'never', fold };
  const elements: Element[] = [];
  for (const [i, name] of names.entries()) {
    if (name === '**') {
      if (i === last) elements.push(ANY_SEGMENT);
      elements.push(GLOBSTAR);
      continue;
    }
    const compiled = nameSegment(name, syntax, 'any');
    // git matches nothing with a pattern whose `[` is never closed.
    if (compiled === undefined) return undefined;
    elements.push(compiled);
  }
  return { elements: squeeze(elements), dirOnly, anchored };
}

/**
 * A catalog path glob, matched against a whole path as picomatch does with `dot: true`:
 * `**` as a whole segment spans any number of segments (`a/**` matches `a` too), `*`
 * and `?` stay inside a segment and a segment of `*` alone needs a name of one character
 * at least, `[...]` is a class, a leading `./` is dropped; everything else, braces,
 * parentheses and a leading `!` included, is literal.
 */
function pathElements(pattern: string, fold: boolean): Program | undefined {
  const syntax: Syntax = { classes: true, unterminated: 'literal', fold };
  // A leading `./` says what a relative glob means anyway, as picomatch reads it.
  const elements = pattern
    .replace(/^(?:\.\/)+/, '')
    .split('/')
    .map(
      (name): Element =>
        name === '**' ? GLOBSTAR : (nameSegment(name, syntax, 'non-empty') as Segment),
    );
  return { elements: squeeze(elements), dirOnly: false, anchored: true };
}

/** Merges runs of `**` (`a/**\/**\/b` is `a/**\/b`), which match the same paths. */
function squeeze(elements: Element[]): Element[] {
  return elements.filter(
    (e, i) => !(e.kind === 'globstar' && elements[i - 1]?.kind === 'globstar'),
  );
}

/**
 * The segment pattern of one name of a pattern; `onlyStars` says whether a name of stars
 * alone must match a non-empty name.
 */
function nameSegment(
  name: string,
  syntax: Syntax,
  onlyStars: 'non-empty' | 'any',
): Segment | undefined {
  // Most names are plain: compared as strings, without tokens.
  if (!/[*?[\\]/.test(name)) return { kind: 'segment', tokens: [], nonEmpty: false, literal: name };
  const tokens = tokenize(name, syntax);
  if (tokens === undefined) return undefined;
  return segment(tokens, onlyStars === 'non-empty' && tokens.every((t) => t.kind === 'star'));
}

/** What a dialect's names may hold. */
interface Syntax {
  /** `[...]` is a class; else `[` and `]` are literal. */
  classes: boolean;
  /** What a `[` with no `]` after it in its name means: itself, or a name nothing matches. */
  unterminated: 'literal' | 'never';
  /** The pattern is lower case and letters match either case. */
  fold: boolean;
}

const CODEOWNERS_SYNTAX: Syntax = { classes: false, unterminated: 'literal', fold: false };

function segment(tokens: Token[], nonEmpty: boolean): Segment {
  let literal: string | undefined = '';
  for (const t of tokens) {
    if (t.kind !== 'char') {
      literal = undefined;
      break;
    }
    literal += String.fromCharCode(t.code);
  }
  return { kind: 'segment', tokens, nonEmpty, literal };
}

/** The leading segments of a program that are plain names, joined by `/`. */
function literalBase(elements: readonly Element[]): string {
  const names: string[] = [];
  for (const e of elements) {
    if (e.kind !== 'segment' || e.literal === undefined || e.literal === '') break;
    names.push(e.literal);
  }
  return names.join('/');
}

/**
 * The tokens of one segment of a pattern, or undefined when no name can match it.
 * `\` takes the next character literally.
 */
function tokenize(name: string, syntax: Syntax): Token[] | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < name.length; i++) {
    const ch = name[i] as string;
    if (ch === '\\') {
      // A trailing lone backslash stands for nothing, as in the regular expressions before.
      if (i + 1 < name.length) tokens.push({ kind: 'char', code: name.charCodeAt(++i) });
    } else if (ch === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (ch === '?') tokens.push({ kind: 'any' });
    else if (ch === '[' && syntax.classes) {
      const parsed = parseClass(name, i, syntax);
      if (parsed === 'never') return undefined;
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else if (syntax.unterminated === 'never') return undefined;
      else tokens.push({ kind: 'char', code: 0x5b });
    } else tokens.push({ kind: 'char', code: name.charCodeAt(i) });
  }
  return tokens;
}

/** git's POSIX classes (`wildmatch.c`), as range bounds over ASCII. */
const POSIX_CLASSES = new Map<string, string>(
  Object.entries({
    alnum: '09AZaz',
    alpha: 'AZaz',
    blank: '  \t\t',
    cntrl: '\0\x1f\x7f\x7f',
    digit: '09',
    graph: '!~',
    lower: 'az',
    print: ' ~',
    punct: '!/:@[`{~',
    space: '\t\n\r\r  ',
    upper: 'AZ',
    xdigit: '09AFaf',
  }),
);

/**
 * A bracket expression starting at `name[start]` (`[`), or undefined when it has no
 * closing `]` in the segment (then `[` is literal). `[!...]` and `[^...]` negate; a `]`
 * first is a member; `a-z` is a range (an inverted one matches nothing); `[:alpha:]` and
 * the other POSIX classes name ASCII sets; `\` takes the next character literally. In the
 * gitignore dialect an unknown class makes the pattern match nothing (`'never'`), as in git.
 */
function parseClass(
  name: string,
  start: number,
  syntax: Syntax,
): { token: Token; end: number } | 'never' | undefined {
  let i = start + 1;
  const negated = name[i] === '!' || name[i] === '^';
  if (negated) i++;
  const ranges: number[] = [];
  let first = true;
  while (i < name.length) {
    let ch = name[i] as string;
    if (ch === ']' && !first) {
      return {
        token: { kind: 'class', negated, ranges: syntax.fold ? withOtherCase(ranges) : ranges },
        end: i,
      };
    }
    first = false;
    if (ch === '[' && name[i + 1] === ':') {
      const close = name.indexOf(':]', i + 2);
      const set = close === -1 ? undefined : POSIX_CLASSES.get(name.slice(i + 2, close));
      // git matches nothing with an unknown class; picomatch reads its `[` as a member.
      if (set === undefined && close !== -1 && syntax.unterminated === 'never') return 'never';
      if (set !== undefined) {
        for (let k = 0; k < set.length; k++) ranges.push(set.charCodeAt(k));
        i = close + 2;
        continue;
      }
    }
    if (ch === '\\' && i + 1 < name.length) ch = name[++i] as string;
    const lo = ch.charCodeAt(0);
    if (name[i + 1] === '-' && i + 2 < name.length && name[i + 2] !== ']') {
      i += 2;
      if (name[i] === '\\' && i + 1 < name.length) i++;
      ranges.push(lo, name.charCodeAt(i));
    } else ranges.push(lo, lo);
    i++;
  }
  return undefined;
}

/** The ranges and, for their ASCII letters, the same letters in the other case. */
function withOtherCase(ranges: readonly number[]): number[] {
  const out = [...ranges];
  for (let k = 0; k < ranges.length; k += 2) {
    const lo = ranges[k] as number;
    const hi = ranges[k + 1] as number;
    for (const [from, to, shift] of [
      [0x41, 0x5a, 0x20],
      [0x61, 0x7a, -0x20],
    ] as const) {
      const a = Math.max(lo, from);
      const b = Math.min(hi, to);
      if (a <= b) out.push(a + shift, b + shift);
    }
  }
  return out;
}

function tokenMatches(token: Token, code: number): boolean {
  switch (token.kind) {
    case 'char':
      return token.code === code;
    case 'any':
      return true;
    case 'star':
      return false;
    case 'class': {
      let inside = false;
      for (let k = 0; k < token.ranges.length; k += 2) {
        if (code >= (token.ranges[k] as number) && code <= (token.ranges[k + 1] as number)) {
          inside = true;
          break;
        }
      }
      return inside !== token.negated;
    }
  }
}

/**
 * A program cut at its first and last `**`: the segments before must match the first
 * names, the segments after the last names, and only the middle (`**` … `**`) needs a
 * search. Most patterns are all head (`/pkg/api/`) or all tail (`*.go`), and are decided
 * by comparing a name or two.
 */
interface Parts {
  head: Segment[];
  /** Empty when the program has no `**`; else starts and ends with one. */
  middle: Element[];
  tail: Segment[];
}

function split(elements: readonly Element[]): Parts {
  const first = elements.findIndex((e) => e.kind === 'globstar');
  if (first === -1) return { head: elements as Segment[], middle: [], tail: [] };
  const last = elements.findLastIndex((e) => e.kind === 'globstar');
  return {
    head: elements.slice(0, first) as Segment[],
    middle: elements.slice(first, last + 1),
    tail: elements.slice(last + 1) as Segment[],
  };
}

/**
 * Whether the names of `path` up to `end` (`/`-separated; `a/` has the names `a` and ``)
 * match the program. Names are ranges of `path`, never copied. The names left are those
 * from `start` to `stop` inclusive; none are left when `start` is `stop + 1`.
 */
function matchParts(parts: Parts, path: string, end: number): boolean {
  let start = 0;
  let stop = end;
  for (const segment of parts.head) {
    if (start > stop) return false;
    let slash = path.indexOf('/', start);
    if (slash === -1 || slash > stop) slash = stop;
    if (!matchSegment(segment, path, start, slash)) return false;
    start = slash + 1;
  }
  if (parts.middle.length === 0) return start === stop + 1;
  for (let k = parts.tail.length - 1; k >= 0; k--) {
    if (start > stop) return false;
    const from = stop === start ? start : Math.max(path.lastIndexOf('/', stop - 1) + 1, start);
    if (!matchSegment(parts.tail[k] as Segment, path, from, stop)) return false;
    stop = from - 1;
  }
  return matchMiddle(parts.middle, path, start, stop);
}

/**
 * The greedy two-pointer match one level up: elements against the names from `start` to
 * `stop`, `**` being the wildcard. On a mismatch only the latest `**` takes one name more,
 * so segment patterns are tried at most |names| × |elements| times, each try bounded by
 * its lengths: a whole match is O(|path| × |pattern|).
 */
function matchMiddle(elements: readonly Element[], path: string, start: number, stop: number) {
  if (elements.length === 1) return true;
  let e = 0;
  let n = start;
  let starE = -1;
  let starN = 0;
  while (n <= stop) {
    const element = elements[e];
    if (element !== undefined && element.kind === 'globstar') {
      starE = e++;
      starN = n;
      continue;
    }
    if (element !== undefined) {
      let slash = path.indexOf('/', n);
      if (slash === -1 || slash > stop) slash = stop;
      if (matchSegment(element, path, n, slash)) {
        e++;
        n = slash + 1;
        continue;
      }
    }
    if (starE === -1) return false;
    e = starE + 1;
    const slash = path.indexOf('/', starN);
    starN = slash === -1 || slash > stop ? stop + 1 : slash + 1;
    n = starN;
  }
  while (elements[e]?.kind === 'globstar') e++;
  return e === elements.length;
}

/**
 * Whether one name matches one segment pattern, by the greedy two-pointer wildcard match:
 * on a mismatch, only the latest `*` takes one character more, which is enough because
 * any earlier `*` could only take what the latest one can. At most |name| × |tokens| steps.
 */
function matchSegment(pattern: Segment, path: string, from: number, to: number): boolean {
  if (pattern.literal !== undefined) {
    return to - from === pattern.literal.length && path.startsWith(pattern.literal, from);
  }
  if (pattern.nonEmpty && to === from) return false;
  const { tokens } = pattern;
  let t = 0;
  let i = from;
  let starT = -1;
  let starI = 0;
  while (i < to) {
    const token = tokens[t];
    if (token !== undefined && token.kind === 'star') {
      starT = t++;
      starI = i;
    } else if (token !== undefined && tokenMatches(token, path.charCodeAt(i))) {
      t++;
      i++;
    } else if (starT !== -1) {
      t = starT + 1;
      i = ++starI;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}
