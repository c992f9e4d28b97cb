/**
 * The shapes evidence takes once ingested: who made a commit and which component a path
 * belongs to. Ingest produces them; analyses read them.
 */

/** A git author or co-author, after the repository's `.mailmap`. */
export interface Person {
  name: string;
  email: string;
}

/**
 * Which signal matched an author to a User, in the order they are tried: the User's
 * e-mails, an accepted alias (by e-mail, then by name), a GitHub no-reply address, the
 * login of the pull requests that merged the author's commits, the e-mail's local part
 * equal to a login, the author name equal to a login.
 */
export const IDENTITY_SIGNALS = [
  'email',
  'alias',
  'github-noreply',
  'merge-login',
  'login-in-email',
  'login-as-name',
] as const;
export type IdentitySignal = (typeof IDENTITY_SIGNALS)[number];

/** What an author turned out to be. */
export type AuthorMatch =
  | { kind: 'user'; user: string; via: IdentitySignal }
  | { kind: 'bot' }
  | { kind: 'unmatched' };

/** How a path's component was decided, in the order the rules are tried. */
export type OwnershipRule =
  | { source: 'paths'; component: string; glob: string; file: string; line: number }
  | {
      source: 'owners';
      /** The folder whose OWNERS file decides (`''` for the root). */
      folder: string;
      /** The `filters:` regular expression that matched, when one did. */
      filter?: string;
      /** The approvers as written (logins and aliases). */
      owners: string[];
      file: string;
      line: number;
    }
  | {
      source: 'maintainers';
      /** The section's title line. */
      section: string;
      /** The `F:` (or `N:`) pattern that matched: the longest one. */
      pattern: string;
      /** The maintainers (`M:`) as written. */
      owners: string[];
      file: string;
      line: number;
    }
  | {
      source: 'codeowners';
      pattern: string;
      owners: string[];
      file: string;
      line: number;
      /** GitLab's `[Section]` the rule is in; absent for GitHub's CODEOWNERS. */
      section?: string;
    }
  | { source: 'folder'; folder: string };

/**
 * The component a path belongs to and the team that owns it. `component` is a catalog
 * reference (`component:default/cart`) for catalog components; `codeowners:REPO:PATTERN`
 * for a CODEOWNERS rule acting as a component; `folder:REPO:NAME` for a top-level folder
 * (`folder:REPO:/` for the files at the root). REPO is the repository's folder name.
 */
export interface PathOwnership {
  path: string;
  component: string;
  /** The owning Group (or User, when a User owns it); null when nobody does. */
  owner: string | null;
  /**
   * Other teams the deciding files name for this path, never the owner: the other
   * MAINTAINERS sections that match it, the other GitLab sections' owners, an OWNERS
   * folder's parents' owners (unless `no_parent_owners`). Absent when there are none.
   */
  coOwners?: string[];
  rule: OwnershipRule;
}

/** A CODEOWNERS owner that matches no Group or User: its first line and how many rules name it. */
export interface UnresolvedOwner {
  owner: string;
  file: string;
  line: number;
  rules: number;
  /**
   * The known owner it is probably a typo of, written as CODEOWNERS would name it
   * (`@org/team-slug`, `@login`, an e-mail), by `closestName`; null when none is close.
   */
  suggestion: string | null;
}

/**
 * A CODEOWNERS rule that matches no file at HEAD (dead): it decides nothing, and its
 * pattern is probably stale or mistyped. `message` says what is wrong, `hint` how to fix it.
 */
export interface DeadRule {
  file: string;
  line: number;
  pattern: string;
  owners: string[];
  message: string;
  hint: string;
}

/**
 * A CODEOWNERS rule that matches files at HEAD but decides none (shadowed): the last
 * matching rule wins, and every file it matches is also matched by a later rule.
 */
export interface ShadowedRule extends DeadRule {
  /** Files at HEAD it matches. */
  files: number;
  /** The lines of the later rules that decide those files, ascending. */
  overriddenBy: number[];
}

/** What is wrong with one repository's CODEOWNERS, beyond its syntax. */
export interface CodeownersHealth {
  unresolvedOwners: UnresolvedOwner[];
  deadRules: DeadRule[];
  shadowedRules: ShadowedRule[];
}

/** How a commit changed one file, as `git log --name-status` reports it. */
export interface FileChange {
  /** The path after the change (for a deletion, the path deleted). */
  path: string;
  /** A added, M modified, D deleted, R renamed, C copied, T type changed. */
  status: 'A' | 'M' | 'D' | 'R' | 'C' | 'T';
  /** The path before a rename or copy. */
  oldPath?: string;
  /** Lines added and deleted, when read with `--lines`; absent for binary files. */
  added?: number;
  deleted?: number;
}

/** One commit as orgwire keeps it: who, when, and which files. */
export interface CommitRecord {
  sha: string;
  /** Author time in seconds since the epoch (when the work was done, kept by rebases). */
  time: number;
  author: Person;
  /** `Co-authored-by:` trailers, after `.mailmap`. */
  coAuthors: Person[];
  /** How many parents: 0 for a root commit, 2 or more for a merge. */
  parents: number;
  files: FileChange[];
}

/** How often the pull requests of one GitHub login brought in commits by one author e-mail. */
export interface MergeLoginEvidence {
  /** The author's e-mail after `.mailmap`, lower-cased. */
  email: string;
  /** The login of the pull request's head repository, lower-cased. */
  login: string;
  /** Commits by `email` that merges of `login`'s pull requests brought in. */
  commits: number;
}

/** One request one team made of another, from a request-queue export. */
export interface RequestRecord {
  /**
   * The tracker it belongs to, and where in it: `jira:PLAT` (a Jira project), `github:o/r`
   * (a GitHub repository; `github` when the export does not say which), `csv` or `csv:NAME`
   * (a plain CSV, `NAME` from its `tracker` column). With `id`, the ticket's identity: any
   * export that holds it again replaces it rather than adding it.
   */
  tracker: string;
  /** The request's id in its tracker (Jira key, issue number, CSV id). */
  id: string;
  /** The requesting and providing teams, as Group references. */
  requester: string;
  provider: string;
  /** Seconds since the epoch. */
  created: number;
  /** When work started, when known. */
  started?: number;
  /** When it was done; absent while open. */
  done?: number;
  /**
   * Of a done request whose export holds its status history (Jira's changelog): the seconds
   * it spent in a waiting status before it was done, times it went back to one included.
   * Absent: the wait is `started − created`, where `started` is known.
   */
  waited?: number;
  type?: string;
  /**
   * When the ticket last changed, as its export says (Jira's Updated, GitHub's updated_at, a
   * plain CSV's `updated`), else its newest event: of two exports that hold it, the reading
   * with the newer time is kept, whichever is read last.
   */
  updated: number;
  /** Where it was read: `file:line`. */
  source: string;
}
