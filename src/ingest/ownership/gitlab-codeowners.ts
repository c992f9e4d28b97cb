import { compileGlob, type Glob } from '../compile-glob.js';
import {
  type OwnerName,
  type OwnershipDecision,
  type OwnershipFile,
  type OwnershipProblem,
  type OwnershipReading,
  problemRecorder,
  type WrittenRule,
} from './ownership-reading.js';

/** Where GitLab looks for CODEOWNERS, in order; the first that exists is used. */
export const GITLAB_CODEOWNERS_LOCATIONS = ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

/** One entry of a GitLab CODEOWNERS file. */
interface Entry {
  pattern: string;
  /** `!pattern`: the section does not own what it matches (GitLab 17.10). */
  exclusion: boolean;
  /** As written, or the section's default owners when the line names none. */
  owners: string[];
  line: number;
  glob: Glob;
}

/** A section: `[Name]`, `^[Name]` (optional), `[Name][N]`; the unnamed one comes first. */
interface Section {
  /** As first written; `''` for the entries before any heading. */
  name: string;
  optional: boolean;
  entries: Entry[];
}

/**
 * `@user`, `@group`, `@group/subgroup/…`, `@@role` or an e-mail, as GitLab reads owners.
 * Roles (`@@developer`) name no team and are left out of owner names.
 */
const OWNER = /^(@@?[A-Za-z0-9_][-A-Za-z0-9_.]*(\/[A-Za-z0-9_][-A-Za-z0-9_.]*)*|[^\s@]+@[^\s@]+)$/;
const HEADING = /^(\^)?\[([^\]]*)\](?:\[(\d*)\])?(.*)$/;

/**
 * Reads a GitLab CODEOWNERS file (`Gitlab::CodeOwners`): `#` starts a comment line;
 * `[Section]`, `^[Optional section]` and `[Section][N]` open sections, with default owners
 * after the heading for the entries that name none; sections with the same name (any
 * case) are one; entries before any heading are a section of their own. An entry is a
 * pattern (spaces escaped with `\`, a leading `\#` for a `#`) and its owners; `!pattern`
 * excludes what it matches from its section. Inline comments do not exist in GitLab: owners
 * written after a `#` still count, other words are ignored, as GitLab ignores them.
 *
 * A path's owners are, in each section, those of the last entry that matches it (none if an
 * exclusion of that section matches it). The first required section that owns the path
 * decides the component and owner, else the first optional one; every other section that
 * owns it names co-owners.
 */
export function readGitlabCodeowners(file: OwnershipFile): OwnershipReading {
  const problems: OwnershipProblem[] = [];
  const rules: WrittenRule[] = [];
  const sections: Section[] = [{ name: '', optional: false, entries: [] }];
  const byName = new Map<string, Section>([['', sections[0] as Section]]);
  let current = sections[0] as Section;
  let defaults: string[] = [];
  const problem = problemRecorder('gitlab-codeowners', file.shownAs, problems);

  file.text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const heading = HEADING.exec(text);
    if (heading && (text.startsWith('[') || text.startsWith('^['))) {
      const [, caret, rawName = '', approvals, rest = ''] = heading;
      const name = rawName.trim();
      if (name === '') {
        problem(
          line,
          'error',
          'empty-section',
          'a section heading needs a name',
          'Write `[Name]`, e.g. `[Documentation]`.',
        );
        return;
      }
      if (approvals === '') {
        problem(
          line,
          'warning',
          'bad-approvals',
          `"[${name}][]" names no number of approvals`,
          'Write a number, e.g. `[Documentation][2]`, or leave the second brackets out.',
        );
      }
      const key = name.toLowerCase();
      let section = byName.get(key);
      if (!section) {
        section = { name, optional: caret === '^', entries: [] };
        byName.set(key, section);
        sections.push(section);
      }
      current = section;
      defaults = owners(rest, line);
      return;
    }
    const split = splitEntry(text);
    const exclusion = split.pattern.startsWith('!');
    const pattern = exclusion ? split.pattern.slice(1) : split.pattern;
    if (pattern === '') {
      problem(
        line,
        'error',
        'empty-pattern',
        `"${text}" has no path pattern`,
        'Write a path before the owners.',
      );
      return;
    }
    const written = owners(split.rest, line);
    const entry: Entry = {
      pattern,
      exclusion,
      owners: exclusion || written.length > 0 ? written : defaults,
      line,
      glob: compileGlob(pattern, 'gitlab'),
    };
    if (!exclusion && entry.owners.length === 0 && current.name !== '') {
      problem(
        line,
        'warning',
        'no-owners',
        `"${pattern}" names no owner and section [${current.name}] has no default owners`,
        'Add owners to the line or to the section heading.',
      );
    }
    current.entries.push(entry);
    rules.push({ file: file.shownAs, line, pattern: split.pattern, owners: entry.owners });
  });

  /** The owner words of a line's rest; a word that is no owner is reported unless in a comment. */
  function owners(rest: string, line: number): string[] {
    const found: string[] = [];
    let comment = false;
    for (const word of rest.split(/\s+/)) {
      if (word === '') continue;
      if (word.startsWith('#')) comment = true;
      if (OWNER.test(word)) found.push(word);
      else if (!comment) {
        problem(
          line,
          'warning',
          'bad-owner',
          `"${word}" is not an owner; GitLab ignores it`,
          'Owners are @user, @group, @group/subgroup, @@role or an e-mail address.',
        );
      }
    }
    return found;
  }

  const ordered = [
    ...sections.filter((s) => !s.optional && s.entries.length > 0),
    ...sections.filter((s) => s.optional && s.entries.length > 0),
  ];
  const cache = new Map<string, OwnershipDecision | undefined>();
  const decide = (path: string): OwnershipDecision | undefined => {
    if (cache.has(path)) return cache.get(path);
    let decision: OwnershipDecision | undefined;
    for (const section of ordered) {
      const entry = sectionEntry(section, path);
      if (!entry) continue;
      if (!decision) {
        decision = {
          component: section.name === '' ? entry.pattern : `[${section.name}] ${entry.pattern}`,
          owners: ownerNames(entry.owners),
          coOwners: [],
          rule: {
            source: 'codeowners',
            pattern: entry.pattern,
            owners: entry.owners,
            file: file.shownAs,
            line: entry.line,
            ...(section.name === '' ? {} : { section: section.name }),
          },
        };
      } else {
        for (const name of ownerNames(entry.owners)) {
          const seen = [...decision.owners, ...decision.coOwners];
          if (!seen.some((n) => sameName(n, name))) decision.coOwners.push(name);
        }
      }
    }
    cache.set(path, decision);
    return decision;
  };

  const staleRules = (files: readonly string[]): OwnershipProblem[] =>
    sections
      .flatMap((s) => s.entries)
      .filter((entry) => !files.some((path) => entry.glob.matches(path)))
      .map((entry) => {
        // GitLab reads `/cmake` as a file: a folder needs its trailing slash.
        const folder =
          !entry.pattern.endsWith('/') &&
          !/[*?[]/.test(entry.pattern) &&
          files.some((path) => `/${path}`.includes(`/${entry.pattern.replace(/^\//, '')}/`));
        return {
          file: file.shownAs,
          line: entry.line,
          severity: 'warning' as const,
          code: 'gitlab-codeowners/dead-rule',
          message: folder
            ? `"${entry.pattern}" names a folder without a trailing slash, which GitLab matches as a file only: this line decides nothing`
            : `"${entry.pattern}" matches no file at HEAD, so this line decides nothing`,
          hint: folder
            ? `Write "${entry.pattern}/" to cover everything in the folder.`
            : 'Remove the line, or correct its pattern to where the files are now.',
        };
      });
  return {
    format: 'gitlab-codeowners',
    files: [file.path],
    rules,
    entities: { groups: [], users: [] },
    problems,
    decide,
    staleRules,
  };
}

/** The entry that decides a path in one section: the last that matches, unless excluded. */
function sectionEntry(section: Section, path: string): Entry | undefined {
  let found: Entry | undefined;
  for (const entry of section.entries) {
    if (!entry.glob.matches(path)) continue;
    if (entry.exclusion) return undefined;
    found = entry;
  }
  return found;
}

/** The pattern (up to the first whitespace not escaped with `\`) and the rest of a line. */
function splitEntry(text: string): { pattern: string; rest: string } {
  const match = /^((?:\\\s|\S)+)(.*)$/.exec(text);
  return match
    ? { pattern: match[1] as string, rest: match[2] as string }
    : { pattern: text, rest: '' };
}

function ownerNames(owners: readonly string[]): OwnerName[] {
  return owners.filter((o) => !o.startsWith('@@')).map((owner) => ({ kind: 'written', owner }));
}

function sameName(a: OwnerName, b: OwnerName): boolean {
  return (
    a.kind === b.kind &&
    (a.kind === 'group'
      ? a.name === (b as typeof a).name
      : a.owner.toLowerCase() === (b as typeof a).owner.toLowerCase())
  );
}
