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
  renamed: ReadonlyMap<string, string> = new Map(),
): WhatIfChanges {
  /** Unwired needs by pair, teams renamed; pairs a rename makes one add their weights. */
  const unwired = (r: Report, rename: (team: string) => string) => {
    const byPair = new Map<string, WhatIfNeed>();
    for (const n of r.coordination.needs) {
      if (n.wired) continue;
      const teams = [...n.teams.map(rename)].sort() as [string, string];
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
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
