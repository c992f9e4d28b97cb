/**
 * A commit as the wiring analyses see it: who made it, which components and files it
 * touched, and when. Authors are User references, or `unmatched:EMAIL` for people the
 * catalog does not know; bots have been left out before this point.
 */
export interface CommitFacts {
  /** Author time, seconds since the epoch. */
  time: number;
  /** Each author once: the author and every co-author. */
  authors: string[];
  /** Each component once (see PathOwnership for the reference forms). */
  components: string[];
  /**
   * Each file once, by its latest name (renames followed), as `REPO:path`; left out of the
   * commits before the window, which no analysis couples by file (a year of file lists was
   * the largest part of what a first start's drift held).
   */
  files?: string[];
}

/** The author key of someone who is no User. */
export const unmatchedAuthor = (email: string): string => `unmatched:${email.toLowerCase()}`;
