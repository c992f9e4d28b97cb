/**
 * The shapes evidence takes once ingested: who made a commit and which component a path
 * belongs to. Ingest produces them; analyses read them.
 */

/** A git author or co-author, after the repository's `.mailmap`. */
export interface Person {
  name: string;
  email: string;
}

/** What an author turned out to be. */
export type AuthorMatch =
  | { kind: 'user'; user: string; via: 'email' | 'github-noreply' }
  | { kind: 'bot' }
  | { kind: 'unmatched' };

/** How a path's component was decided, in the order the rules are tried. */
export type OwnershipRule =
  | { source: 'paths'; component: string; glob: string; file: string; line: number }
  | { source: 'codeowners'; pattern: string; owners: string[]; file: string; line: number }
  | { source: 'folder' };

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
  rule: OwnershipRule;
}

/** A CODEOWNERS owner that matches no Group or User: its first line and how many rules name it. */
export interface UnresolvedOwner {
  owner: string;
  file: string;
  line: number;
  rules: number;
}
