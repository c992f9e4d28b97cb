import { type CommitFacts, estimateQueue } from '../analysis/index.js';
import type { Catalog } from '../model/index.js';
import type { Report } from './build-report.js';

/** A need as the what-if compares it: the pair, its weight, wired or not. */
export interface WhatIfNeed {
  teams: [string, string];
  weight: number;
}

/** What a scenario changes, the work held fixed (issue 14): `after` − `before`. */
export interface WhatIfChanges {
  congruence: {
    before: { weighted: number | null; unweighted: number | null };
    after: { weighted: number | null; unweighted: number | null };
    /** after − before, weighted; null when either is. */
    delta: number | null;
  };
  /** Unwired needs before that are wired, or gone, after: coordination the change arranges. */
  resolved: WhatIfNeed[];
  /** Unwired needs after that were not unwired before: coordination the change makes. */
  created: WhatIfNeed[];
  /** Unwired needs before and after whose weight changed, most changed first. */
  changed: { teams: [string, string]; before: number; after: number }[];
  /** Teams whose members or components changed: before → after. */
  teams: { team: string; members: [number, number]; owns: [number, number] }[];
  /** Bets whose handoffs or feasibility changed: before → after. */
  bets: {
    bet: string;
    handoffs: [number, number];
    feasibility: [number, number];
    independence: [string, string];
  }[];
  /** Request queues whose arrivals or people changed, with the wait the change would bring. */
  queues: QueueChange[];
  /** For each person who leaves, what the organisation loses: see {@link knowledgeLost}. */
  knowledge: KnowledgeLost[];
}

/** What someone who leaves knew, as the window's commits show it. */
export interface KnowledgeLost {
  user: string;
  /**
   * Components where they made more of the window's commits than anyone else, most first:
   * their commits, their share of the component's commits, and its owner before.
   */
  components: { component: string; owner: string | null; commits: number; share: number }[];
}

/** One providing team's queue before and after (a team that went is followed to its heir). */
export interface QueueChange {
  /** The providing team after. */
  team: string;
  /** Requests arriving in the window: those from teams that took the work in no longer queue. */
  arrivals: [number, number];
  /** The people who did the queue's work before, and how many of them still do. */
  people: [number, number];
  /** Mean lead time in days: measured before, estimated after (see `estimateQueue`). */
  meanLeadTime: [number | null, number | null];
  /** What arrives after reaches what its people can do: the wait grows without bound. */
  unstable: boolean;
}

/**
 * The differences between two analyses of the same work under two catalogs: congruence,
 * unwired needs resolved and created (strongest first; a team that went is followed to the
 * one that took its place, `renamed`), and each team's size and what it owns where they
 * changed (teams that appear or go count 0 on the other side).
 */
export function whatIfChanges(
  before: { report: Report; catalog: Catalog },
  after: { report: Report; catalog: Catalog },
  scenario: {
    renamed?: ReadonlyMap<string, string>;
    /** The Users who leave, and the window's commits that say what they knew. */
    left?: readonly string[];
    facts?: readonly CommitFacts[];
  } = {},
): WhatIfChanges {
  const renamed = scenario.renamed ?? new Map<string, string>();
  /** Unwired needs by pair, teams renamed; pairs a rename makes one add their weights. */
  const unwired = (r: Report, rename: (team: string) => string) => {
    const byPair = new Map<string, WhatIfNeed>();
    for (const n of r.coordination.needs) {
      if (n.wired) continue;
      // Needs name their teams in order; only a team renamed can change it.
      const teams =
        renamed.has(n.teams[0]) || renamed.has(n.teams[1])
          ? ([...n.teams.map(rename)].sort() as [string, string])
          : n.teams;
      if (teams[0] === teams[1]) continue; // merged into one team: no need between them
      const key = teams.join(' + ');
      const seen = byPair.get(key);
      byPair.set(key, { teams, weight: (seen?.weight ?? 0) + n.weight });
    }
    return byPair;
  };
  // A merged team's needs are its heir's after: not resolved, unless the heir's are.
  const was = unwired(before.report, (team) => renamed.get(team) ?? team);
  const is = unwired(after.report, (team) => team);
  const need = (n: WhatIfNeed): WhatIfNeed => ({
    teams: n.teams,
    weight: Math.round(n.weight * 1000) / 1000,
  });
  const byWeight = (a: WhatIfNeed, b: WhatIfNeed) => b.weight - a.weight;
  // What each team owns as the analysis decided it: catalog components, and the components
  // ownership files (CODEOWNERS, OWNERS, MAINTAINERS) give it.
  const shape = (c: Catalog, r: Report) => {
    const owns = new Map<string, number>();
    for (const component of r.ownership.components)
      if (component.owner) owns.set(component.owner, (owns.get(component.owner) ?? 0) + 1);
    return new Map(
      c.groups.map((g) => [g.ref, { members: g.members.length, owns: owns.get(g.ref) ?? 0 }]),
    );
  };
  const then = shape(before.catalog, before.report);
  const now = shape(after.catalog, after.report);
  const teams = [...new Set([...then.keys(), ...now.keys()])].sort().flatMap((team) => {
    const a = then.get(team) ?? { members: 0, owns: 0 };
    const b = now.get(team) ?? { members: 0, owns: 0 };
    return a.members === b.members && a.owns === b.owns && then.has(team) === now.has(team)
      ? []
      : [
          {
            team,
            members: [a.members, b.members] as [number, number],
            owns: [a.owns, b.owns] as [number, number],
          },
        ];
  });
  const w = (r: Report) => r.coordination.congruence;
  const bets = after.report.bets.bets.flatMap((a) => {
    const b = before.report.bets.bets.find((x) => x.ref === a.ref);
    return b && (b.handoffs !== a.handoffs || b.feasibility !== a.feasibility)
      ? [
          {
            bet: a.ref,
            handoffs: [b.handoffs, a.handoffs] as [number, number],
            feasibility: [b.feasibility, a.feasibility] as [number, number],
            independence: [b.independence, a.independence] as [string, string],
          },
        ]
      : [];
  });
  const b = w(before.report).weighted;
  const a = w(after.report).weighted;
  return {
    congruence: {
      before: w(before.report),
      after: w(after.report),
      delta: a === null || b === null ? null : Math.round((a - b) * 1000) / 1000,
    },
    resolved: [...was]
      .filter(([k]) => !is.has(k))
      .map(([, n]) => need(n))
      .sort(byWeight),
    created: [...is]
      .filter(([k]) => !was.has(k))
      .map(([, n]) => need(n))
      .sort(byWeight),
    changed: [...is]
      .flatMap(([k, n]) => {
        const then = was.get(k);
        return then && then.weight !== n.weight
          ? [{ teams: n.teams, before: round(then.weight), after: round(n.weight) }]
          : [];
      })
      .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before)),
    teams,
    bets,
    queues: queueChanges(before, after, renamed),
    knowledge: knowledgeLost(scenario.facts ?? [], scenario.left ?? [], before.report),
  };
}

/**
 * For each person who leaves, the components where they made more of the window's commits
 * than any other author (unmatched authors and bots as the report counts them): the work
 * the organisation would have to learn again. A component where someone ties for the most
 * is not counted as theirs alone.
 */
export function knowledgeLost(
  facts: readonly CommitFacts[],
  left: readonly string[],
  before: Report,
): KnowledgeLost[] {
  if (left.length === 0) return [];
  const byComponent = new Map<string, Map<string, number>>();
  const total = new Map<string, number>();
  for (const f of facts)
    for (const c of f.components) {
      total.set(c, (total.get(c) ?? 0) + 1);
      const authors = byComponent.get(c) ?? new Map<string, number>();
      for (const a of f.authors) authors.set(a, (authors.get(a) ?? 0) + 1);
      byComponent.set(c, authors);
    }
  const owner = new Map(before.ownership.components.map((c) => [c.ref, c.owner]));
  return [...new Set(left)].map((user) => ({
    user,
    components: [...byComponent]
      .flatMap(([component, authors]) => {
        const commits = authors.get(user) ?? 0;
        const most = Math.max(0, ...[...authors].filter(([a]) => a !== user).map(([, n]) => n));
        return commits > most
          ? [
              {
                component,
                owner: owner.get(component) ?? null,
                commits,
                share: round(commits / (total.get(component) ?? commits)),
              },
            ]
          : [];
      })
      .sort((a, b) => b.commits - a.commits || a.component.localeCompare(b.component)),
  }));
}

/**
 * Each queue after, from the queues before that it continues (a provider that went counts at
 * its heir): arrivals as re-addressed, and the mean lead time `estimateQueue` gives for the
 * people of the old providers who are in the new one. Queues nothing changed are left out.
 */
function queueChanges(
  before: { report: Report; catalog: Catalog },
  after: { report: Report; catalog: Catalog },
  renamed: ReadonlyMap<string, string>,
): QueueChange[] {
  const members = (c: Catalog, team: string) => {
    const g = c.byRef.get(team);
    return g?.kind === 'Group' ? g.members : [];
  };
  const byHeir = new Map<string, Report['queues']>();
  for (const q of before.report.queues) {
    const heir = renamed.get(q.team) ?? q.team;
    byHeir.set(heir, [...(byHeir.get(heir) ?? []), q]);
  }
  const days = (q: Report['queues'][number]) =>
    q.littlesLaw.arrivalsPerDay > 0 ? q.arrivals / q.littlesLaw.arrivalsPerDay : null;
  return [...byHeir]
    .flatMap(([team, was]): QueueChange[] => {
      const now = after.report.queues.find((q) => q.team === team);
      const people = new Set(was.flatMap((q) => members(before.catalog, q.team)));
      const staying = members(after.catalog, team).filter((m) => people.has(m)).length;
      const arrivals = was.reduce((s, q) => s + q.arrivals, 0);
      const completions = was.reduce((s, q) => s + q.completions, 0);
      const span = was.map(days).find((d) => d !== null) ?? null;
      const lead = was.filter((q) => q.littlesLaw.meanLeadTime !== null && q.completions > 0);
      const meanLeadTime =
        lead.length === 0
          ? null
          : round(
              lead.reduce((s, q) => s + (q.littlesLaw.meanLeadTime as number) * q.completions, 0) /
                lead.reduce((s, q) => s + q.completions, 0),
            );
      const arriving = now?.arrivals ?? 0;
      if (arriving === arrivals && staying === people.size) return [];
      const estimate =
        span === null
          ? { meanLeadTime: null, unstable: false }
          : estimateQueue(
              {
                arrivalsPerDay: arrivals / span,
                completionsPerDay: completions / span,
                meanLeadTime,
              },
              arriving / span,
              { before: people.size, after: staying },
            );
      return [
        {
          team,
          arrivals: [arrivals, arriving],
          people: [people.size, staying],
          meanLeadTime: [meanLeadTime === null ? null : round(meanLeadTime), estimate.meanLeadTime],
          unstable: estimate.unstable,
        },
      ];
    })
    .sort((a, b) => b.arrivals[0] - a.arrivals[0] || a.team.localeCompare(b.team));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
