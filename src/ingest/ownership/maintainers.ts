import {
  type DeclaredGroup,
  type DeclaredUser,
  declaredUserKey,
  type SourcePosition,
} from '../../model/index.js';
import {
  type OwnerName,
  type OwnershipDecision,
  type OwnershipFile,
  type OwnershipProblem,
  type OwnershipReading,
  problemRecorder,
  uniqueEntityName,
  type WrittenRule,
} from './ownership-reading.js';

/** The tags scripts/get_maintainer.pl and its documentation know. */
// Linux's tags, and Xen's `V:` (the file's version, under THE REST).
const KNOWN_TAGS = new Set('MRLSWQBCPTFXNKV');
const TAG_LINE = /^([A-Z]):\s*(.*)$/;
const UNDERLINE = /^\s*(?:-{3,}|={3,})$/;
/** Regex characters left as they are by get_maintainer's glob-to-regex conversion. */
const REGEX_META = /[*?+()[\]{}|^$\\]/;

interface Written {
  value: string;
  line: number;
}

interface Section {
  title: string;
  /** `title`, or `title (line N)` when an earlier section has the same title. */
  component: string;
  line: number;
  area: Area | undefined;
  /** Whether the title is its area's heading: tag lines just below the underline. */
  heading: boolean;
  tags: Map<string, Written[]>;
}

interface Area {
  title: string;
  line: number;
  sections: Section[];
}

/** A compiled `F:`/`X:` pattern: get_maintainer's `file_match_pattern` for one pattern. */
interface PathPattern {
  raw: string;
  line: number;
  matches(path: string, slashes: number): boolean;
}

/** An `F:` or `N:` pattern that can decide paths, with what it takes to rank it. */
interface Decider {
  section: number;
  raw: string;
  line: number;
  /**
   * 2 for an `F:`, 1 for an `N:`, 0 for an `F:` starting with `*` (THE REST's catch-alls):
   * get_maintainer ranks an `N:` match below folder matches and a leading `.*` below both.
   */
  tier: number;
  matches(path: string, slashes: number): boolean;
}

interface ReadSection {
  section: Section;
  owners: OwnerName[];
  maintainers: string[];
  exclusions: PathPattern[];
}

/**
 * Reads a MAINTAINERS file as the Linux kernel and DPDK write it, and decides paths as
 * scripts/get_maintainer.pl does:
 *
 * - a section is a title line followed by tag lines `X: value` (no leading whitespace); a
 *   blank line ends it; other lines (prose, indented preamble, `#` comments) are skipped;
 *   tag lines right below an area heading's underline are a section titled by the heading;
 * - `F:`/`X:` are globs made regexes (`.` literal, `*` → `.*`, `?` → `.`, other regex
 *   characters kept) matched from the start of the path; one ending in `/` matches every path
 *   below it, any other only paths with as many `/` as itself (`dir/*` is not recursive), or
 *   — having no `*`/`?` — the paths below the folder it names (`drivers/net`);
 *   `N:` is a regex (Perl's `/x`: unescaped whitespace dropped) found anywhere in the path;
 *   `X:` takes the path out of its section; `K:` matches content and is ignored;
 * - the path belongs to the section whose matching pattern is longest as written, ties to the
 *   first in the file; as get_maintainer ranks them, an `N:` match comes after every `F:`
 *   match but those starting with `*` (THE REST's catch-alls), which come last; the other
 *   matching sections are co-owners;
 * - people are the `M:` (maintainers) and `R:` (reviewers) e-mails, keyed by the canonical
 *   e-mail `mailmap` gives (lower-cased e-mail as written → lower-cased canonical);
 * - owners: with two or more underlined area headings holding sections (DPDK), one Group per
 *   area, made of its sections' maintainers, owns them; otherwise (Linux) each section's
 *   maintainers are a Group named after its title, shared by sections with the very same
 *   maintainers. An area owns its sections without `M:` too, unless `S:` says orphaned;
 *   outside areas, a section with no `M:` decides its paths with no owner.
 */
export function readMaintainers(
  file: OwnershipFile,
  mailmap?: ReadonlyMap<string, string>,
): OwnershipReading {
  const problems: OwnershipProblem[] = [];
  const problem = problemRecorder('maintainers', file.shownAs, problems);
  const at = (line: number): SourcePosition => ({ file: file.shownAs, line, column: 1 });

  const { sections, areas } = parseSections(file.text, problem);

  const users = new Map<string, DeclaredUser>();
  const person = (written: Written, tag: string): string | undefined => {
    const parsed = parsePerson(written.value);
    if (!parsed) {
      problem(
        written.line,
        'error',
        'no-email',
        `${tag}: "${written.value}" has no e-mail address`,
        `Write ${tag}: Full Name <address@domain>; people are known by their e-mail.`,
      );
      return undefined;
    }
    const asWritten = parsed.email.toLowerCase();
    const canonical = mailmap?.get(asWritten) ?? asWritten;
    const key = declaredUserKey({ email: canonical });
    const known = users.get(key);
    if (known) {
      if (!known.emails.includes(asWritten)) known.emails.push(asWritten);
      if (known.displayName === undefined && parsed.name) known.displayName = parsed.name;
    } else {
      users.set(key, {
        key,
        emails: [...new Set([canonical, asWritten])],
        ...(parsed.name ? { displayName: parsed.name } : {}),
        source: at(written.line),
      });
    }
    return key;
  };

  const rules: WrittenRule[] = [];
  const deciders: Decider[] = [];
  const read: ReadSection[] = sections.map((section, index) => {
    const maintainers = unique((section.tags.get('M') ?? []).flatMap((m) => person(m, 'M') ?? []));
    for (const r of section.tags.get('R') ?? []) person(r, 'R');
    const files = section.tags.get('F') ?? [];
    const names = section.tags.get('N') ?? [];
    // A section with no F: or N: (a mailing list, a git tree, security contacts) is a
    // normal part of the file: it decides no file, and is not a problem.
    for (const f of files) {
      const pattern = compilePathPattern(f, problem);
      if (!pattern) continue;
      rules.push({ file: file.shownAs, line: f.line, pattern: f.value });
      deciders.push({ ...pattern, section: index, tier: f.value.startsWith('*') ? 0 : 2 });
    }
    for (const n of names) {
      const regex = compileNameRegex(n, problem);
      if (!regex) continue;
      rules.push({ file: file.shownAs, line: n.line, pattern: n.value });
      deciders.push({
        section: index,
        raw: n.value,
        line: n.line,
        tier: 1,
        matches: (path) => regex.test(path),
      });
    }
    const exclusions = (section.tags.get('X') ?? []).flatMap(
      (x) => compilePathPattern(x, problem) ?? [],
    );
    return { section, owners: [], maintainers, exclusions };
  });

  const groups = declareGroups(read, areas, at);

  // Index F: patterns by the folder their literal start names, so that a path tests only the
  // patterns of its ancestor folders; N: patterns (unanchored) are tested for every path.
  const byFolder = new Map<string, Decider[]>();
  for (const decider of deciders) {
    const folder = decider.tier === 1 ? '' : literalFolder(decider.raw);
    const bucket = byFolder.get(folder);
    if (bucket) bucket.push(decider);
    else byFolder.set(folder, [decider]);
  }

  const memo = new Map<string, OwnershipDecision | undefined>();
  const decide = (path: string): OwnershipDecision | undefined => {
    if (memo.has(path)) return memo.get(path);
    const decision = decideUncached(path);
    memo.set(path, decision);
    return decision;
  };
  const decideUncached = (path: string): OwnershipDecision | undefined => {
    const slashes = countSlashes(path);
    const best = new Map<number, Decider>();
    const consider = (bucket: Decider[] | undefined) => {
      for (const decider of bucket ?? []) {
        if (!decider.matches(path, slashes)) continue;
        const current = best.get(decider.section);
        if (!current || outranks(decider, current)) best.set(decider.section, decider);
      }
    };
    consider(byFolder.get(''));
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
      consider(byFolder.get(path.slice(0, i)));
    }
    const matching = [...best.values()]
      .filter((d) => !read[d.section]?.exclusions.some((x) => x.matches(path, slashes)))
      .sort((a, b) => (outranks(a, b) ? -1 : outranks(b, a) ? 1 : 0));
    const winner = matching[0];
    const section = winner && read[winner.section];
    if (!winner || !section) return undefined;
    const ownerNames = new Set(section.owners.map(ownerKey));
    const coOwners: OwnerName[] = [];
    for (const other of matching.slice(1)) {
      for (const owner of read[other.section]?.owners ?? []) {
        if (ownerNames.has(ownerKey(owner))) continue;
        ownerNames.add(ownerKey(owner));
        coOwners.push(owner);
      }
    }
    return {
      component: section.section.component,
      owners: section.owners,
      coOwners,
      rule: {
        source: 'maintainers',
        section: section.section.title,
        pattern: winner.raw,
        owners: (section.section.tags.get('M') ?? []).map((m) => m.value),
        file: file.shownAs,
        line: winner.line,
      },
    };
  };

  problems.sort((a, b) => a.line - b.line);
  const staleRules = (files: readonly string[]): OwnershipProblem[] => {
    const matched = new Set<Decider>();
    for (const path of files) {
      const slashes = countSlashes(path);
      const mark = (bucket: Decider[] | undefined) => {
        for (const d of bucket ?? [])
          if (!matched.has(d) && d.matches(path, slashes)) matched.add(d);
      };
      mark(byFolder.get(''));
      for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1))
        mark(byFolder.get(path.slice(0, i)));
    }
    return deciders
      .filter((d) => !matched.has(d))
      .map((d) => ({
        file: file.shownAs,
        line: d.line,
        severity: 'warning' as const,
        code: 'maintainers/stale-pattern',
        message: `"${d.raw}" of section "${read[d.section]?.section.title}" matches no file at HEAD, so it decides nothing`,
        hint: 'Remove the line, or correct it to where the files are now (a trailing / takes a whole folder).',
      }));
  };
  return {
    format: 'maintainers',
    files: [file.path],
    rules,
    entities: { groups, users: [...users.values()] },
    problems,
    decide,
    staleRules,
  };
}

type Report = (
  line: number,
  severity: OwnershipProblem['severity'],
  code: string,
  message: string,
  hint: string,
) => void;

/** Splits the text into sections and the underlined area headings that hold them. */
function parseSections(text: string, problem: Report): { sections: Section[]; areas: Area[] } {
  const sections: Section[] = [];
  const areas: Area[] = [];
  const titles = new Set<string>();
  let area: Area | undefined;
  let current: Section | undefined;
  /** The last non-tag, non-blank line, while nothing else has come after it. */
  let candidate: (Written & { heading?: boolean }) | undefined;
  /** Whether the run of tag lines under way has no title (reported once). */
  let untitled = false;
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.replace(/\s+$/, '');
    if (line === '') {
      current = undefined;
      candidate = undefined;
      untitled = false;
      return;
    }
    if (/^\s*#/.test(line)) return;
    const tag = TAG_LINE.exec(line);
    const previous = candidate?.heading ? undefined : candidate;
    if (!tag) {
      current = undefined;
      untitled = false;
      if (UNDERLINE.test(line)) {
        candidate = undefined;
        if (previous && previous.line === lineNo - 1) {
          area = { title: previous.value, line: previous.line, sections: [] };
          areas.push(area);
          // Tag lines right below the underline (DPDK's "Packet Framework") are the area's own
          // section, titled by the heading.
          candidate = { value: area.title, line: area.line, heading: true };
        }
      } else {
        candidate = { value: line.trim(), line: lineNo };
      }
      return;
    }
    if (!current && candidate) {
      const component = titles.has(candidate.value)
        ? `${candidate.value} (line ${candidate.line})`
        : candidate.value;
      titles.add(component);
      current = {
        title: candidate.value,
        component,
        line: candidate.line,
        area,
        heading: candidate.heading === true,
        tags: new Map(),
      };
      sections.push(current);
      area?.sections.push(current);
      candidate = undefined;
    }
    if (!current) {
      if (!untitled) {
        problem(
          lineNo,
          'warning',
          'no-title',
          `tag line "${line}" has no section title above it`,
          'Write the section title on the line just above its first tag line, with no blank line between.',
        );
      }
      untitled = true;
      return;
    }
    const [, letter = '', value = ''] = tag;
    if (!KNOWN_TAGS.has(letter)) {
      problem(
        lineNo,
        'warning',
        'unknown-tag',
        `"${letter}:" is not a MAINTAINERS tag; the line is ignored`,
        'Use one of M: R: L: S: W: Q: B: C: P: T: F: X: N: K: V:.',
      );
      return;
    }
    const list = current.tags.get(letter);
    const written = { value, line: lineNo };
    if (list) list.push(written);
    else current.tags.set(letter, [written]);
  });
  return { sections, areas };
}

/**
 * The Groups the file defines, setting each section's owners: one per area when two or more
 * areas hold sections, else one per distinct set of section maintainers.
 */
function declareGroups(
  read: ReadSection[],
  areas: Area[],
  at: (line: number) => SourcePosition,
): DeclaredGroup[] {
  const groups: DeclaredGroup[] = [];
  const taken = new Set<string>();
  const declare = (title: string, line: number, members: string[]): string => {
    const name = uniqueEntityName(title, taken, 'maintainers');
    groups.push({
      name,
      ...(name === title ? {} : { title }),
      members,
      format: 'maintainers',
      source: at(line),
    });
    return name;
  };
  const holding = areas.filter((area) => area.sections.length > 0);
  const bySection = new Map(read.map((r) => [r.section, r]));
  if (holding.length >= 2) {
    for (const area of holding) {
      const inArea = area.sections.flatMap((s) => bySection.get(s) ?? []);
      const name = declare(area.title, area.line, unique(inArea.flatMap((r) => r.maintainers)));
      // The area owns its sections, those without an M: of their own too (DPDK's "EAL API
      // and common code" is the EAL area's), unless the file marks them orphaned.
      for (const r of inArea) {
        const orphan = (r.section.tags.get('S') ?? []).some((t) => /orphan/i.test(t.value));
        if (!orphan) r.owners = [{ kind: 'group', name }];
      }
    }
  }
  // Sections with the very same maintainers are one team, named after the one of them with
  // the most patterns (Xen's "X86 ARCHITECTURE", not the smaller "AMD IOMMU" before it).
  const bySet = new Map<string, ReadSection[]>();
  for (const r of read) {
    if (r.maintainers.length === 0 || r.owners.length > 0) continue;
    const set = [...r.maintainers].sort().join('\n');
    bySet.set(set, [...(bySet.get(set) ?? []), r]);
  }
  const patterns = (r: ReadSection) =>
    (r.section.tags.get('F') ?? []).length + (r.section.tags.get('N') ?? []).length;
  for (const sharing of bySet.values()) {
    const named = sharing.reduce((best, r) => (patterns(r) > patterns(best) ? r : best));
    const name = declare(named.section.title, named.section.line, named.maintainers);
    for (const r of sharing) r.owners = [{ kind: 'group', name }];
  }
  return groups;
}

/**
 * get_maintainer's `file_match_pattern` for one `F:`/`X:` pattern: `.` escaped, `*` → `.*`,
 * `?` → `.`, matched from the start of the path; recursive when it ends in `/`, else only
 * for paths with as many `/` as the regex has. A pattern with no `*` or `?` also matches the
 * paths below the folder it names, as get_maintainer's `-d` test would make it.
 */
function compilePathPattern(written: Written, problem: Report): PathPattern | undefined {
  const raw = written.value;
  const value = raw.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.');
  const recursive = value.endsWith('/');
  const ownSlashes = countSlashes(value);
  const folder = /[*?]/.test(raw) || recursive ? undefined : `${raw}/`;
  if (raw === '') {
    problem(
      written.line,
      'warning',
      'empty-pattern',
      'this pattern is empty and matches every file at the root',
      'Write the files or folders the section covers, or remove the line.',
    );
  }
  if (!REGEX_META.test(raw)) {
    // The common case (a plain file or folder) without a regex.
    return {
      raw,
      line: written.line,
      matches: (path, slashes) =>
        (path.startsWith(raw) && (recursive || slashes === ownSlashes)) ||
        (folder !== undefined && path.startsWith(folder)),
    };
  }
  let regex: RegExp;
  try {
    // As Perl's m@^$pattern@: a `|` in the pattern leaves its other branches unanchored.
    regex = new RegExp(`^${value}`);
  } catch (error) {
    problem(
      written.line,
      'error',
      'bad-pattern',
      `pattern "${raw}" is not a valid pattern: ${(error as Error).message}`,
      'Use * and ? as wildcards; other regex characters must form a valid regular expression.',
    );
    return undefined;
  }
  return {
    raw,
    line: written.line,
    matches: (path, slashes) =>
      (regex.test(path) && (recursive || slashes === ownSlashes)) ||
      (folder !== undefined && path.startsWith(folder)),
  };
}

/** An `N:` regex as Perl's `m/$value/x` reads it, or undefined (reported) when JS cannot. */
function compileNameRegex(written: Written, problem: Report): RegExp | undefined {
  try {
    return new RegExp(stripExtendedWhitespace(written.value));
  } catch (error) {
    problem(
      written.line,
      'error',
      'bad-regex',
      `N: "${written.value}" is not a valid regular expression: ${(error as Error).message}`,
      'Fix the regular expression; N: is matched against file paths.',
    );
    return undefined;
  }
}

/**
 * A Perl `/x` regex without its free-spacing: unescaped whitespace outside character classes
 * dropped, and a `#` outside a class starting a comment to the end.
 */
export function stripExtendedWhitespace(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? '';
    if (c === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (inClass) {
      out += c;
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // A `]` first in a class (after an optional `^`) is a literal.
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') out += source[++i];
    } else if (c === '#') {
      break;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

/**
 * The folder a pattern's literal start names: every path the pattern matches lies below it
 * (`lib/eal/x*` → `lib/eal`, `drivers/net` → `drivers`), `''` when it may match anywhere.
 */
function literalFolder(raw: string): string {
  if (raw.includes('|')) return '';
  const meta = raw.search(REGEX_META);
  let literal = meta === -1 ? raw : raw.slice(0, meta);
  // A quantifier makes the character before it optional or repeated.
  if (meta !== -1 && (raw[meta] === '+' || raw[meta] === '{')) literal = literal.slice(0, -1);
  const slash = literal.lastIndexOf('/');
  return slash === -1 ? '' : literal.slice(0, slash);
}

/** Whether `a` ranks before `b`: by tier (see {@link Decider.tier}), then longer, then earlier. */
function outranks(a: Decider, b: Decider): boolean {
  if (a.tier !== b.tier) return a.tier > b.tier;
  if (a.raw.length !== b.raw.length) return a.raw.length > b.raw.length;
  return a.line < b.line;
}

/** `Name <email>`, `"Name" <email>`, a bare `email` or `email (Name)`; undefined without one. */
function parsePerson(value: string): { name?: string; email: string } | undefined {
  const bracketed = /<\s*([^<>\s]+@[^<>\s]+)\s*>/.exec(value);
  const bare = bracketed ?? /[^\s<>()"',;]+@[^\s<>()"',;]+/.exec(value);
  if (!bare) return undefined;
  const email = bracketed ? (bracketed[1] ?? '') : bare[0];
  const rest = (value.slice(0, bare.index) + value.slice(bare.index + bare[0].length))
    .replace(/[()]/g, ' ')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  return rest ? { name: rest, email } : { email };
}

function countSlashes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('/'); i !== -1; i = text.indexOf('/', i + 1)) n++;
  return n;
}

function ownerKey(owner: OwnerName): string {
  return owner.kind === 'group' ? `group:${owner.name}` : `written:${owner.owner}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
