import {
  DEFAULT_MIN_TEAM_SIZE,
  type SuggestedCommunity,
  type SuggestOptions,
  suggestTeams,
  type TimeWindow,
  windowDates,
} from '../analysis/index.js';
import {
  type Catalog,
  formatScenario,
  humanizeEntityRef,
  type ScenarioChange,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { type Report, type ReportOptions, type ReportSource, readWork } from './build-report.js';
import { createWhatIf } from './what-if.js';

/** A team the work implies, as the catalog can say it. */
export interface SuggestedTeam {
  /** The team it continues (the one most of its people are in, or its pins'), or a new name. */
  name: string;
  /** Whether `name` is a team the catalog has. */
  existing: boolean;
  /** Its people the catalog names (user references). */
  members: string[];
  /** People whose commits placed them here but whom the catalog does not name. */
  unnamed: number;
  components: string[];
}

/** Suggested boundaries, fitted on one period and checked on the next (issue 14). */
export interface Suggestion {
  fitted: { since: string; until: string };
  checked: { since: string; until: string };
  teams: SuggestedTeam[];
  /** The scenario that makes today's catalog into the suggestion, as `orgwire whatif` reads it. */
  scenario: { name: string; changes: ScenarioChange[]; yaml: string };
  /** The checked period under today's catalog and under the suggestion. */
  before: Report;
  after: Report;
  /** Unwired need weight over the checked period, before and after. */
  unwired: { before: number; after: number };
  /** The suggestion cuts unwired coordination on the period it was not fitted on. */
  cuts: boolean;
  /** The catalog names none of the people the suggestion groups, so it can move nobody. */
  unnamed?: true;
  /** Share of linked pairs every seed's run agreed on, and how many runs there were. */
  agreement: number;
  runs: number;
}

const DAY = 86_400;
/** Share of the window the suggestion is fitted on; the rest checks it. */
const FITTED_SHARE = 2 / 3;

/**
 * Team boundaries the work implies (see `suggestTeams`), fitted on the first two thirds of
 * the window and checked on the last third: the same work analysed under today's catalog
 * and under the suggestion. The suggestion is said as a Scenario: each community becomes the
 * team most of its people are in (or that its components are pinned to; each team once,
 * the largest overlap first) or a new team named after its busiest component; its people
 * the catalog names move to it, and its catalog components. People the catalog does not
 * name shape the communities but cannot be moved: they are counted.
 */
export async function suggestBoundaries(
  store: Store,
  catalog: Catalog,
  repositories: readonly ReportSource[],
  options: ReportOptions & { suggest?: SuggestOptions },
): Promise<Suggestion> {
  const work = await readWork(store, catalog, repositories, options);
  const { window } = work;
  // On a day's boundary, so that the periods do not share a day.
  const days = Math.round((window.until - window.since + 1) / DAY);
  const split = window.since + Math.max(1, Math.round(days * FITTED_SHARE)) * DAY;
  const fitted: TimeWindow = { since: window.since, until: split - 1 };
  const checked: TimeWindow = { since: split, until: window.until };
  const found = suggestTeams(
    work.facts.filter((f) => f.time < split),
    options.suggest ?? {},
  );
  const busiest = new Map<string, number>();
  for (const f of work.facts)
    if (f.time < split) for (const c of f.components) busiest.set(c, (busiest.get(c) ?? 0) + 1);
  const { teams, changes } = scenarioFor(catalog, found.communities, work.isTeam, {
    busiest,
    minTeamSize: options.suggest?.minTeamSize ?? DEFAULT_MIN_TEAM_SIZE,
  });
  const name = 'suggested-boundaries';
  const description = `Team boundaries the work of ${windowDates(fitted).since} to ${windowDates(fitted).until} implies (orgwire whatif --suggest).`;
  const period = { ...options, since: checked.since, until: checked.until };
  const outcome = await createWhatIf(store, catalog, repositories, period).run({
    name,
    changes: changes.map((change, i) => ({
      change,
      at: { file: '(suggested)', line: i + 1, column: 1 },
    })),
  });
  // The changes are built from the catalog itself, so a problem here is orgwire's own bug.
  if ('problems' in outcome)
    throw new Error(`suggested scenario does not apply: ${outcome.problems[0]?.message}`);
  const { before, after } = outcome.result;
  const unwired = (r: Report) =>
    Math.round(
      r.coordination.needs.filter((n) => !n.wired).reduce((sum, n) => sum + n.weight, 0) * 1000,
    ) / 1000;
  const weight = { before: unwired(before), after: unwired(after) };
  // Without people the catalog names, a suggestion moves nobody: after would be no team at all.
  const named = teams.some((t) => t.members.length > 0);
  return {
    fitted: windowDates(fitted),
    checked: windowDates(checked),
    teams,
    scenario: {
      name,
      changes,
      yaml: formatScenario({ name, description, changes }, [
        'Suggested by `orgwire whatif --suggest`: edit it, then `orgwire whatif THIS-FILE`.',
      ]),
    },
    before,
    after,
    unwired: weight,
    cuts: named && weight.after < weight.before,
    ...(named ? {} : { unnamed: true as const }),
    agreement: Math.round(found.agreement * 1000) / 1000,
    runs: found.runs,
  };
}

/**
 * Names each community after the team it continues, or anew, and the changes that make the
 * catalog so: a new team is created, then people move (out of every team, into theirs) and
 * catalog components move to it.
 */
function scenarioFor(
  catalog: Catalog,
  communities: readonly SuggestedCommunity[],
  isTeam: (group: string) => boolean,
  options: { busiest: ReadonlyMap<string, number>; minTeamSize: number },
): { teams: SuggestedTeam[]; changes: ScenarioChange[] } {
  const { busiest } = options;
  const teamsOf = (person: string) => {
    const user = catalog.byRef.get(person);
    return user?.kind === 'User' ? user.memberOf.filter(isTeam) : [];
  };
  // Each existing team continues in the community with the most of its people, once.
  const overlaps: { community: number; team: string; people: number }[] = [];
  communities.forEach((c, i) => {
    const count = new Map<string, number>();
    for (const p of c.people) for (const t of teamsOf(p)) count.set(t, (count.get(t) ?? 0) + 1);
    if (c.pinnedTo) count.set(c.pinnedTo, Number.POSITIVE_INFINITY);
    for (const [team, people] of count) overlaps.push({ community: i, team, people });
  });
  overlaps.sort(
    (a, b) => b.people - a.people || a.team.localeCompare(b.team) || a.community - b.community,
  );
  const named = new Map<number, string>();
  const taken = new Set<string>();
  for (const o of overlaps)
    if (!named.has(o.community) && !taken.has(o.team)) {
      named.set(o.community, o.team);
      taken.add(o.team);
    }
  const changes: ScenarioChange[] = [];
  // A new team of fewer people than a team needs is not suggested: its people stay.
  const kept = communities.flatMap((c, i) =>
    named.has(i) || c.people.length >= options.minTeamSize ? [{ c, i }] : [],
  );
  const teams = kept.map(({ c, i }): SuggestedTeam => {
    let team = named.get(i);
    const existing = team !== undefined;
    if (team === undefined) {
      const focus = [...c.components].sort(
        (a, b) => (busiest.get(b) ?? 0) - (busiest.get(a) ?? 0),
      )[0];
      const base = `${focus === undefined ? 'new' : nameOf(focus)}-team`;
      let candidate = base;
      for (let k = 2; catalog.byRef.has(`group:default/${candidate}`) || taken.has(candidate); k++)
        candidate = `${base}-${k}`;
      taken.add(candidate);
      team = `group:default/${candidate}`;
      changes.push({ createTeam: { name: candidate, members: [], components: [] } });
    }
    const members = c.people.filter((p) => catalog.byRef.get(p)?.kind === 'User');
    for (const m of members) {
      const now = teamsOf(m);
      if (now.length !== 1 || now[0] !== team)
        changes.push({ movePerson: { user: humanizeEntityRef(m), to: humanizeEntityRef(team) } });
    }
    for (const ref of c.components) {
      const component = catalog.byRef.get(ref);
      if (component?.kind === 'Component' && component.owner !== team)
        changes.push({
          moveComponent: { component: humanizeEntityRef(ref), to: humanizeEntityRef(team) },
        });
    }
    return {
      name: team,
      existing,
      members,
      unnamed: c.people.length - members.length,
      components: c.components,
    };
  });
  return { teams, changes };
}

/** A component's name for a team: its catalog name, or its folder's last part (`root`). */
function nameOf(ref: string): string {
  const path = /^[a-z]+:[^:]*:(.*)$/.exec(ref)?.[1];
  const name =
    path === undefined ? humanizeEntityRef(ref) : (path.split('/').filter(Boolean).pop() ?? 'root');
  return (
    name
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'root'
  );
}
