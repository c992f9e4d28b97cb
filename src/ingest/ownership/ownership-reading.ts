import type { DeclaredEntities, OwnershipFormat, OwnershipRule } from '../../model/index.js';

/** One file of a repository as a reader gets it: its path from the root and its text. */
export interface OwnershipFile {
  /** Repository-relative, `/`-separated: `OWNERS`, `pkg/kubelet/OWNERS`, `MAINTAINERS`. */
  path: string;
  /** How messages name the file (the repository folder as the user wrote it, joined). */
  shownAs: string;
  text: string;
}

/**
 * Who an ownership rule names as owner, before the catalog is consulted:
 * - `group`: a Group by name, one the file itself declares (an OWNERS_ALIASES alias, a
 *   MAINTAINERS area, the group made of an OWNERS file's approvers) or one the catalog is
 *   expected to have (`sig-node` for an OWNERS `labels: [sig/node]`);
 * - `written`: an owner as CODEOWNERS writes it (`@login`, `@org/team`, an e-mail), matched
 *   to the catalog as GitHub's CODEOWNERS owners are.
 */
export type OwnerName = { kind: 'group'; name: string } | { kind: 'written'; owner: string };

/** What one format's rules say of one path. */
export interface OwnershipDecision {
  /**
   * The component the path belongs to, unique within the repository and format: the OWNERS
   * folder (`pkg/kubelet`, `''` for the root; with a filter, `pkg/kubelet [\.md$]`), the
   * MAINTAINERS section title, the CODEOWNERS pattern.
   */
  component: string;
  /**
   * Who owns it, most wanted first: the resolver takes the first that the catalog has, so
   * an OWNERS folder can say "sig-node if the catalog has it, else its approvers' alias".
   * Empty: the rule leaves the path without owner (a CODEOWNERS line with no owners).
   */
  owners: OwnerName[];
  /** Other teams the rules name for the path (other sections, parent OWNERS folders). */
  coOwners: OwnerName[];
  /** The deciding rule, for `orgwire owners` and the JSON. */
  rule: Exclude<OwnershipRule, { source: 'paths' } | { source: 'folder' }>;
}

/** A line a format's tooling would not use, or uses other than it looks. */
export interface OwnershipProblem {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  /** Stable, `FORMAT/what`: `owners/bad-regex`, `maintainers/unknown-tag`. */
  code: string;
  message: string;
  hint: string;
}

/** Records the problems of one file, each code prefixed with its format (`maintainers/…`). */
export function problemRecorder(format: string, file: string, into: OwnershipProblem[]) {
  return (
    line: number,
    severity: OwnershipProblem['severity'],
    code: string,
    message: string,
    hint: string,
  ): void => {
    into.push({ file, line, severity, code: `${format}/${code}`, message, hint });
  };
}

/**
 * A Group name from a title or folder no other name of the same reading has taken: lower
 * case, every run of characters other than letters and digits one `-`, no `-` at the ends,
 * `fallback` when nothing is left; a name longer than 63 characters is cut and given a hash
 * of the whole, so two long names that share their start stay apart; a taken one gets `-2`,
 * `-3`…
 */
export function uniqueEntityName(text: string, taken: Set<string>, fallback: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let base = slug === '' ? fallback : slug;
  if (base.length > 63) base = `${base.slice(0, 54).replace(/-+$/, '')}-${fnv1a(slug)}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) {
    const suffix = `-${n}`;
    name = `${base.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
  }
  taken.add(name);
  return name;
}

/** FNV-1a of a string, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** One rule as written, for counts and the check of rules that decide no file. */
export interface WrittenRule {
  file: string;
  line: number;
  /** The pattern, folder or section as written. */
  pattern: string;
  /**
   * The owners the line writes, for formats that write them as CODEOWNERS does (GitLab's):
   * those the catalog does not know are reported.
   */
  owners?: string[];
}

/** What the files of one format in one repository say: the contract every reader keeps. */
export interface OwnershipReading {
  format: OwnershipFormat;
  /** The files read, repository-relative. Empty when the repository keeps none. */
  files: string[];
  rules: WrittenRule[];
  /** Teams and people the files define. */
  entities: DeclaredEntities;
  problems: OwnershipProblem[];
  /** What the rules say of a repository-relative path; undefined when no rule covers it. */
  decide(path: string): OwnershipDecision | undefined;
  /**
   * The rules that match none of `files` (the paths at HEAD), as warnings: a stale path or a
   * mistyped pattern, which decides nothing. Formats whose rules are folders (OWNERS) have
   * none to report.
   */
  staleRules?(files: readonly string[]): OwnershipProblem[];
}
