import {
  type AuthorMatch,
  type Catalog,
  IDENTITY_SIGNALS,
  type IdentitySignal,
  type Person,
} from '../model/index.js';
import type { UserSuggestion } from './suggest-user.js';

/**
 * Below this coverage the figures speak for too few people to lead with: every surface
 * says so beside the headline, with the authors who would lift it most.
 */
export const COVERAGE_WARNING = 0.8;

/** How many authors a coverage warning names: the ones whose commits would lift it most. */
export const COVERAGE_LIFTERS = 3;

/** One commit's people, as the tally needs them. */
export interface CommitPeople {
  author: Person;
  coAuthors: readonly Person[];
}

/** Who made the commits, per team; people appear by name only when no User matches them. */
export interface IdentitySummary {
  /** Commits read (merges left out unless asked for). */
  commits: number;
  /**
   * Commits by people: with at least one author or co-author who is no bot. A bot's
   * commit with a person as co-author is the person's work, and counts for them.
   */
  peopleCommits: number;
  /** Commits with at least one author (or co-author) who is a User. */
  matchedCommits: number;
  /** Commits by people credited to at least one team. */
  creditedCommits: number;
  /**
   * `creditedCommits ÷ peopleCommits`: how much of the people's work the figures see.
   * Null when there are no commits by people, or no catalog teams to credit (teams inferred).
   */
  coverage: number | null;
  /** Commits whose authors are all bots; they count for no team and are listed nowhere else. */
  botCommits: number;
  /**
   * How many distinct authors (name and e-mail) each signal matched to a User, in the
   * order the signals are tried; signals that matched nobody are left out.
   */
  matchedBy: Partial<Record<IdentitySignal, number>>;
  /**
   * Authors who are neither a User nor a bot, with the commits they are on, most first,
   * and the User each most likely is (see `createUserSuggester`), or null.
   */
  unmatched: { name: string; email: string; commits: number; suggestion: UserSuggestion | null }[];
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
export function createIdentityTally(
  catalog: Catalog,
  match: (person: Person) => AuthorMatch,
  suggest: (person: Person) => UserSuggestion | null = () => null,
  /** The groups that count as teams (see `coordinatingTeams`); default all. */
  isTeam: (group: string) => boolean = () => true,
) {
  const teamsOf = new Map(catalog.users.map((u) => [u.ref, u.memberOf.filter(isTeam)]));
  const cache = new Map<string, AuthorMatch>();
  const matchCached = (person: Person): AuthorMatch => {
    const key = `${person.name}\0${person.email.toLowerCase()}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const found = match(person);
    cache.set(key, found);
    if (found.kind === 'user') matchedBy.set(found.via, (matchedBy.get(found.via) ?? 0) + 1);
    return found;
  };
  let commits = 0;
  let matchedCommits = 0;
  let creditedCommits = 0;
  let botCommits = 0;
  const unmatched = new Map<string, { name: string; email: string; commits: number }>();
  const matchedBy = new Map<IdentitySignal, number>();
  const teams = new Map<string, number>();

  return {
    add(commit: CommitPeople): void {
      commits++;
      const commitTeams = new Set<string>();
      const seen = new Set<string>();
      let matched = false;
      let people = false;
      for (const person of [commit.author, ...commit.coAuthors]) {
        const found = matchCached(person);
        if (found.kind !== 'bot') people = true;
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
      if (!people) botCommits++;
      if (matched) matchedCommits++;
      if (commitTeams.size > 0) creditedCommits++;
      for (const team of commitTeams) teams.set(team, (teams.get(team) ?? 0) + 1);
    },
    result(): IdentitySummary {
      const peopleCommits = commits - botCommits;
      return {
        commits,
        peopleCommits,
        matchedCommits,
        creditedCommits,
        coverage:
          peopleCommits === 0 || catalog.groups.length === 0
            ? null
            : Math.round((creditedCommits / peopleCommits) * 1000) / 1000,
        botCommits,
        matchedBy: Object.fromEntries(
          IDENTITY_SIGNALS.flatMap((signal) => {
            const n = matchedBy.get(signal);
            return n === undefined ? [] : [[signal, n]];
          }),
        ),
        unmatched: [...unmatched.values()]
          .sort((a, b) => b.commits - a.commits || a.email.localeCompare(b.email))
          .map((u) => ({ ...u, suggestion: suggest(u) })),
        teams: [...teams]
          .map(([ref, n]) => ({ ref, commits: n }))
          .sort((a, b) => b.commits - a.commits || a.ref.localeCompare(b.ref)),
      };
    },
  };
}

/**
 * A tally's team credit decided again under other teams, for the same commits: `work` holds
 * the commits by people the tally counted, grouped by their authors (Users by reference,
 * see `digestWork`), so each counts once for each team among them, as `add` counts it.
 */
export function creditTeams(
  summary: IdentitySummary,
  work: readonly { authors: readonly string[]; commits: number }[],
  catalog: Catalog,
  isTeam: (group: string) => boolean = () => true,
): IdentitySummary {
  const teamsOf = new Map(catalog.users.map((u) => [u.ref, u.memberOf.filter(isTeam)]));
  let creditedCommits = 0;
  const teams = new Map<string, number>();
  for (const { authors, commits } of work) {
    const commitTeams = new Set(authors.flatMap((a) => teamsOf.get(a) ?? []));
    if (commitTeams.size > 0) creditedCommits += commits;
    for (const team of commitTeams) teams.set(team, (teams.get(team) ?? 0) + commits);
  }
  return {
    ...summary,
    creditedCommits,
    coverage:
      summary.peopleCommits === 0 || catalog.groups.length === 0
        ? null
        : Math.round((creditedCommits / summary.peopleCommits) * 1000) / 1000,
    teams: [...teams]
      .map(([ref, commits]) => ({ ref, commits }))
      .sort((a, b) => b.commits - a.commits || a.ref.localeCompare(b.ref)),
  };
}
