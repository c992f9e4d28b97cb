import type { AuthorMatch, Catalog, Person } from '../model/index.js';

/** One commit's people, as the tally needs them. */
export interface CommitPeople {
  author: Person;
  coAuthors: readonly Person[];
}

/** Who made the commits, per team; people appear by name only when no User matches them. */
export interface IdentitySummary {
  /** Commits read (merges left out unless asked for). */
  commits: number;
  /** Commits with at least one author (or co-author) who is a User. */
  matchedCommits: number;
  /** Commits whose author is a bot; bots count for no team and are listed nowhere else. */
  botCommits: number;
  /** Authors who are neither a User nor a bot, with the commits they are on; most first. */
  unmatched: { name: string; email: string; commits: number }[];
  /**
   * Team-attributed commits: a commit counts once for each team among its authors (the
   * author and every co-author); a user in two teams counts for both.
   */
  teams: { ref: string; commits: number }[];
}

/**
 * Counts commits by identity as they stream past, in memory bounded by the number of
 * distinct people, not commits.
 */
export function createIdentityTally(catalog: Catalog, match: (person: Person) => AuthorMatch) {
  const teamsOf = new Map(catalog.users.map((u) => [u.ref, u.memberOf]));
  const cache = new Map<string, AuthorMatch>();
  const matchCached = (person: Person): AuthorMatch => {
    const key = `${person.name}\0${person.email.toLowerCase()}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const found = match(person);
    cache.set(key, found);
    return found;
  };
  let commits = 0;
  let matchedCommits = 0;
  let botCommits = 0;
  const unmatched = new Map<string, { name: string; email: string; commits: number }>();
  const teams = new Map<string, number>();

  return {
    add(commit: CommitPeople): void {
      commits++;
      const author = matchCached(commit.author);
      if (author.kind === 'bot') botCommits++;
      const commitTeams = new Set<string>();
      const seen = new Set<string>();
      let matched = false;
      for (const [person, found] of [
        [commit.author, author] as const,
        ...commit.coAuthors.map((p) => [p, matchCached(p)] as const),
      ]) {
        if (found.kind === 'user') {
          matched = true;
          for (const team of teamsOf.get(found.user) ?? []) commitTeams.add(team);
        } else if (found.kind === 'unmatched') {
          const email = person.email.toLowerCase();
          if (seen.has(email)) continue;
          seen.add(email);
          const entry = unmatched.get(email) ?? {
            name: person.name,
            email: person.email,
            commits: 0,
          };
          entry.commits++;
          unmatched.set(email, entry);
        }
      }
      if (matched) matchedCommits++;
      for (const team of commitTeams) teams.set(team, (teams.get(team) ?? 0) + 1);
    },
    result(): IdentitySummary {
      return {
        commits,
        matchedCommits,
        botCommits,
        unmatched: [...unmatched.values()].sort(
          (a, b) => b.commits - a.commits || a.email.localeCompare(b.email),
        ),
        teams: [...teams]
          .map(([ref, n]) => ({ ref, commits: n }))
          .sort((a, b) => b.commits - a.commits || a.ref.localeCompare(b.ref)),
      };
    },
  };
}
