import type { SourcePosition } from './problem.js';

/**
 * A person an ownership or team file names, before it is matched to the catalog. People
 * are keyed by what the file knows of them: a GitHub login (OWNERS, peribolos) or an
 * e-mail (MAINTAINERS). Two declarations with the same key are the same person.
 */
export interface DeclaredUser {
  /** `login:octocat` or `email:ana@example.org`, lower-cased: see {@link declaredUserKey}. */
  key: string;
  login?: string;
  /** Every e-mail this person commits with, lower-cased (after `.mailmap`, and as written). */
  emails: string[];
  /** A display name, when the file gives one (`M: Ana Lima <ana@…>`). */
  displayName?: string;
  source: SourcePosition;
}

/**
 * A team an ownership or team file defines: an OWNERS_ALIASES alias, a MAINTAINERS area, a
 * peribolos team. It becomes a catalog Group named `name`, unless the catalog already has a
 * Group of that name, which then wins (with a note).
 */
export interface DeclaredGroup {
  /** A valid Backstage entity name, e.g. `sig-node-approvers`, `networking-drivers`. */
  name: string;
  /** As the file writes it, when that differs from `name` ("Networking Drivers"). */
  title?: string;
  description?: string;
  /** `github.com/team-slug`, `org/slug`, for a GitHub team. */
  teamSlug?: string;
  /** The `name` of the declared parent group (peribolos nested `teams:`). */
  parent?: string;
  /** Keys of its members ({@link DeclaredUser.key}); each has a DeclaredUser. */
  members: string[];
  /** Which format declared it, for the note when the catalog's own Group wins. */
  format: OwnershipFormat;
  source: SourcePosition;
}

/** Teams and people read from ownership and team files. */
export interface DeclaredEntities {
  groups: DeclaredGroup[];
  users: DeclaredUser[];
}

/** The files orgwire reads ownership or teams from, besides the catalog's YAML. */
export type OwnershipFormat =
  | 'peribolos'
  | 'owners'
  | 'maintainers'
  | 'codeowners'
  | 'gitlab-codeowners';

/** The key of a person known by a GitHub login or an e-mail, lower-cased. */
export function declaredUserKey(by: { login: string } | { email: string }): string {
  return 'login' in by ? `login:${by.login.toLowerCase()}` : `email:${by.email.toLowerCase()}`;
}
