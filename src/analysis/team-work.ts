import type { AuthorsWork } from './work-digest.js';

/**
 * Which teams changed which components, counted so that a need between two teams arises
 * only between different people (design.md, "Needs arise between different people").
 */
export interface TeamWork {
  /**
   * Team-attributed commits: team → component → commits on the component with an author
   * in the team (a commit counts once per team among its authors).
   */
  readonly byTeam: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /**
   * Commits on `component` with an author in `team` who is not in `other`: the work of
   * `team` that `other` did not also do through a shared member. Equals
   * `byTeam.get(team).get(component)` when nobody is in both teams.
   */
  apart(team: string, other: string, component: string): number;
}

/**
 * Tallies team work over commits, grouped by their authors (see `digestWork`). A commit
 * with an author in team A counts towards "A without B" unless every one of its authors in A is also in B; those commits are kept
 * per (component, A, B), which is sparse: only people in two or more teams make them.
 */
export function tallyTeamWork(
  work: readonly AuthorsWork[],
  teamsOf: ReadonlyMap<string, readonly string[]>,
): TeamWork {
  const byTeam = new Map<string, Map<string, number>>();
  // component\0A\0B → commits on the component whose authors in A are all also in B.
  const overlap = new Map<string, number>();
  for (const { authors, components } of work) {
    for (const [team, others] of teamsAmong(authors, teamsOf)) {
      const row = byTeam.get(team) ?? new Map<string, number>();
      byTeam.set(team, row);
      for (const [component, commits] of components) {
        row.set(component, (row.get(component) ?? 0) + commits);
        for (const other of others) {
          const key = `${component}\0${team}\0${other}`;
          overlap.set(key, (overlap.get(key) ?? 0) + commits);
        }
      }
    }
  }
  return {
    byTeam,
    apart: (team, other, component) =>
      (byTeam.get(team)?.get(component) ?? 0) -
      (overlap.size === 0 ? 0 : (overlap.get(`${component}\0${team}\0${other}`) ?? 0)),
  };
}

/** For each team among the authors, the other teams that every author in it is also in. */
function teamsAmong(
  authors: readonly string[],
  teamsOf: ReadonlyMap<string, readonly string[]>,
): Map<string, Set<string>> {
  const alsoIn = new Map<string, Set<string>>();
  for (const author of authors) {
    const teams = teamsOf.get(author) ?? [];
    for (const team of teams) {
      const others = teams.filter((t) => t !== team);
      const seen = alsoIn.get(team);
      if (seen === undefined) alsoIn.set(team, new Set(others));
      else for (const t of seen) if (!others.includes(t)) seen.delete(t);
    }
  }
  return alsoIn;
}
