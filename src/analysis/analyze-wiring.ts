import type { Catalog, Component } from '../model/index.js';
import {
  type CoupledPair,
  type CouplingOptions,
  changeCoupling,
  DEFAULT_COUPLING,
} from './change-coupling.js';
import type { CommitFacts } from './commit-facts.js';
import { type CoordinationResult, coordination } from './coordination.js';
import { inferTeams } from './infer-teams.js';
import { tallyTeamWork } from './team-work.js';
import type { TimeWindow } from './window.js';
import { digestWork, type WorkDigest } from './work-digest.js';

/** A team as the report lists it: from the catalog, or inferred from the work. */
export interface TeamSummary {
  ref: string;
  name: string;
  /** The Team Topologies type (`orgwire.dev/team-type`); null when not declared or inferred. */
  type: string | null;
  /** User references; for inferred teams, `unmatched:EMAIL` author keys. */
  members: string[];
  inferred: boolean;
  /** For an inferred team, the components its members changed most. */
  focus?: string[];
}

/** Who changed a component in the window, per team. */
export interface ComponentActivity {
  ref: string;
  owner: string | null;
  /**
   * The owner's share of the team-attributed commits to the component: owner's ÷ Σ over
   * teams; null when it has no owner or no team-attributed commit.
   */
  ownerShare: number | null;
  /** Team-attributed commits per team, most first. */
  teams: { ref: string; commits: number }[];
  /** 1 − Σ pᵢ² over the teams' shares of team-attributed commits: 0 when one team does all. */
  fragmentation: number | null;
  /** Commits (bots left out) that touched the component. */
  commits: number;
  /** Of those, commits with an author who is no User. */
  unmatchedCommits: number;
}

export interface CouplingPairReport extends CoupledPair {
  /** The two components are owned by different teams: a coordination hotspot. */
  crossTeam: boolean;
  /** Separate deployables of one team with degree ≥ 80: perhaps chopped too small. */
  changeTogether: boolean;
}

export interface WiringReport {
  teams: TeamSummary[];
  coordination: CoordinationResult;
  components: ComponentActivity[];
  coupling: { pairs: CouplingPairReport[]; files?: CoupledPair[] };
}

export interface WiringOptions {
  window: TimeWindow;
  coupling?: CouplingOptions;
  /** Also couple files, not only components. */
  files?: boolean;
  /** The owner of each component as path ownership decided it (catalog or CODEOWNERS). */
  ownerOf: (component: string) => string | null;
  /**
   * Which of the catalog's Groups are teams here (default all); with none, teams are
   * inferred. `buildReport` leaves out groups from team and ownership files that own
   * nothing (see `coordinatingTeams`).
   */
  isTeam?: (group: string) => boolean;
  /**
   * The facts' digest (see `digestWork`), when made already: what-if analyses the same work
   * under several catalogs. Made here when absent or measured with other coupling options.
   */
  digest?: WorkDigest;
}

/** Degree at or above which two deployables of one team "change together". */
export const CHANGE_TOGETHER_DEGREE = 80;

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The wiring analyses of design.md §1–3 over the commits of one window: which teams
 * change which components, the change coupling between components, the coordination
 * that requires between teams, and how ownership holds up. With no teams in the catalog,
 * teams are inferred from the work (Louvain) and own what they change most.
 */
export function analyzeWiring(
  catalog: Catalog,
  facts: readonly CommitFacts[],
  options: WiringOptions,
): WiringReport {
  const couplingOptions = options.coupling ?? DEFAULT_COUPLING;
  const groups = options.isTeam
    ? catalog.groups.filter((g) => options.isTeam?.(g.ref) ?? true)
    : catalog.groups;
  const inferred = groups.length === 0 ? inferTeams(facts) : [];
  const teams: TeamSummary[] =
    inferred.length > 0
      ? inferred.map((t) => ({
          ref: t.ref,
          name: t.name,
          type: null,
          members: t.members,
          inferred: true,
          focus: t.focus,
        }))
      : groups
          .map((g) => ({
            ref: g.ref,
            name: g.name,
            type: g.teamType ?? null,
            members: [...g.members].sort(),
            inferred: false,
          }))
          .sort((a, b) => a.ref.localeCompare(b.ref));
  const teamsOf = new Map<string, string[]>();
  for (const team of teams) {
    for (const member of team.members)
      teamsOf.set(member, [...(teamsOf.get(member) ?? []), team.ref]);
  }

  // Team-attributed commits: a commit counts once for each team among its authors.
  const activity = new Map<
    string,
    { commits: number; unmatched: number; teams: Map<string, number> }
  >();
  // A window's commits by set of authors, and its change coupling: neither depends on the
  // teams, so a what-if passes the digest its first analysis made.
  const digest =
    options.digest && JSON.stringify(options.digest.coupling) === JSON.stringify(couplingOptions)
      ? options.digest
      : digestWork(facts, couplingOptions);
  for (const { authors, components: touched } of digest.byAuthors) {
    const commitTeams = new Set(authors.flatMap((a) => teamsOf.get(a) ?? []));
    const unmatched = authors.some((a) => a.startsWith('unmatched:') && !teamsOf.has(a));
    for (const [component, commits] of touched) {
      const entry = activity.get(component) ?? {
        commits: 0,
        unmatched: 0,
        teams: new Map<string, number>(),
      };
      entry.commits += commits;
      if (unmatched) entry.unmatched += commits;
      for (const team of commitTeams) entry.teams.set(team, (entry.teams.get(team) ?? 0) + commits);
      activity.set(component, entry);
    }
  }

  const ownerOf = (component: string): string | null => {
    if (inferred.length === 0) return options.ownerOf(component);
    const top = [...(activity.get(component)?.teams ?? [])].sort(
      ([a, x], [b, y]) => y - x || a.localeCompare(b),
    )[0];
    return top?.[0] ?? null;
  };

  const components: ComponentActivity[] = [...activity]
    .map(([ref, entry]) => {
      const owner = ownerOf(ref);
      const total = [...entry.teams.values()].reduce((s, n) => s + n, 0);
      const shares = [...entry.teams.values()].map((n) => n / total);
      return {
        ref,
        owner,
        ownerShare: owner && total > 0 ? round((entry.teams.get(owner) ?? 0) / total) : null,
        teams: [...entry.teams]
          .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
          .map(([team, commits]) => ({ ref: team, commits })),
        fragmentation: total > 0 ? round(1 - shares.reduce((s, p) => s + p * p, 0)) : null,
        commits: entry.commits,
        unmatchedCommits: entry.unmatched,
      };
    })
    .sort((a, b) => b.commits - a.commits || a.ref.localeCompare(b.ref));

  const coupled = digest.coupled;
  const deployable = (ref: string): Component | undefined => {
    const entity = catalog.byRef.get(ref);
    return entity?.kind === 'Component' && entity.type !== 'library' ? entity : undefined;
  };
  const pairs = coupled.map((pair) => {
    const ownerA = ownerOf(pair.a);
    const ownerB = ownerOf(pair.b);
    return {
      ...pair,
      crossTeam: ownerA !== null && ownerB !== null && ownerA !== ownerB,
      changeTogether:
        ownerA !== null &&
        ownerA === ownerB &&
        pair.degree >= CHANGE_TOGETHER_DEGREE &&
        deployable(pair.a) !== undefined &&
        deployable(pair.b) !== undefined,
    };
  });

  return {
    teams,
    coordination: coordination(
      catalog,
      tallyTeamWork(digest.byAuthors, teamsOf),
      coupled,
      options.window,
    ),
    components,
    coupling: {
      pairs,
      ...(options.files
        ? {
            files: changeCoupling(
              facts.map((f) => f.files ?? []),
              couplingOptions,
            ),
          }
        : {}),
    },
  };
}
