import type { Catalog, Group } from '../model/index.js';
import type { CoupledPair } from './change-coupling.js';
import type { TeamWork } from './team-work.js';
import type { TimeWindow } from './window.js';

/** How two teams are wired together, if they are. */
export type Wiring = 'hierarchy' | 'collaboration' | 'x-as-a-service' | 'facilitating';

/** The coordination the work requires between two teams, and whether it is wired. */
export interface CoordinationNeed {
  /** The two teams, in reference order. */
  teams: [string, string];
  /**
   * Σ over components c of min(A∖B on c, B∖A on c), where A∖B on c counts the commits on c
   * with an author in A who is not in B: a person in both teams adds nothing to the pair.
   */
  sharedWork: number;
  /**
   * Σ over change-coupled component pairs {x, y}, for each way round (A on x and B on y,
   * A on y and B on x), of min(A∖B on x, B∖A on y) × degree ÷ 100.
   */
  coupledWork: number;
  /** sharedWork + coupledWork. */
  weight: number;
  wired: boolean;
  /** What wires them: the group tree or a declared interaction's mode; null when unwired. */
  via: Wiring | null;
  /** The components behind the need, strongest first, with their share of the weight. */
  components: { ref: string; weight: number }[];
}

/** A declared interaction active in the window between teams whose work shows no need. */
export interface IdleInteraction {
  teams: [string, string];
  mode: Wiring;
  declaredBy: string;
}

export interface CoordinationResult {
  /**
   * Socio-technical congruence: `weighted` = wired need weight ÷ all need weight;
   * `unweighted` = wired pairs ÷ pairs. Null when no two teams need to coordinate.
   */
  congruence: { weighted: number | null; unweighted: number | null };
  /** Every pair of teams with a need, unwired first, then strongest first. */
  needs: CoordinationNeed[];
  idleInteractions: IdleInteraction[];
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** Whether an interaction's `since`/`until` (YYYY-MM-DD, inclusive) overlaps the window. */
function activeIn(window: TimeWindow, since?: string, until?: string): boolean {
  const start = since ? Date.parse(`${since}T00:00:00Z`) / 1000 : -Infinity;
  const end = until ? Date.parse(`${until}T23:59:59Z`) / 1000 : Infinity;
  return start <= window.until && end >= window.since;
}

/**
 * The wiring the catalog declares between two groups: one an ancestor of the other in
 * the group tree, or an interaction either side declares that is active in the window.
 */
export function declaredWiring(catalog: Catalog, window: TimeWindow) {
  const groups = new Map<string, Group>(catalog.groups.map((g) => [g.ref, g]));
  const known = new Map<string, Set<string>>();
  const ancestors = (ref: string): Set<string> => {
    let out = known.get(ref);
    if (out) return out;
    out = new Set<string>();
    for (let g = groups.get(ref); g?.parent && !out.has(g.parent); g = groups.get(g.parent))
      out.add(g.parent);
    known.set(ref, out);
    return out;
  };
  const interactions = new Map<string, { mode: Wiring; declaredBy: string }>();
  for (const group of catalog.groups) {
    for (const interaction of group.interactions) {
      if (!activeIn(window, interaction.since, interaction.until)) continue;
      const key = pairKey(group.ref, interaction.with);
      if (!interactions.has(key))
        interactions.set(key, { mode: interaction.mode, declaredBy: group.ref });
    }
  }
  return {
    interactions,
    between(a: string, b: string): Wiring | null {
      if (ancestors(a).has(b) || ancestors(b).has(a)) return 'hierarchy';
      return interactions.get(pairKey(a, b))?.mode ?? null;
    },
  };
}

/** `localeCompare`'s order, with one collator made once (as fast as a sort of many needs needs). */
const collate = new Intl.Collator().compare;

const pairKey = (a: string, b: string): string => (a < b ? `${a}\0${b}` : `${b}\0${a}`);

/**
 * The coordination the work requires between teams (design.md §1), from which teams'
 * people changed each component and which components are change-coupled.
 */
export function coordination(
  catalog: Catalog,
  work: TeamWork,
  coupled: readonly CoupledPair[],
  window: TimeWindow,
): CoordinationResult {
  const wiring = declaredWiring(catalog, window);
  const byComponent = new Map<string, string[]>();
  for (const [team, row] of work.byTeam) {
    for (const component of row.keys()) {
      const teams = byComponent.get(component) ?? [];
      teams.push(team);
      byComponent.set(component, teams);
    }
  }
  const needs = new Map<
    string,
    { shared: number; coupled: number; components: Map<string, number> }
  >();
  const add = (
    a: string,
    b: string,
    kind: 'shared' | 'coupled',
    amount: number,
    components: string[],
  ) => {
    if (a === b || amount <= 0) return;
    const key = pairKey(a, b);
    const need = needs.get(key) ?? { shared: 0, coupled: 0, components: new Map<string, number>() };
    need[kind] += amount;
    for (const c of components)
      need.components.set(c, (need.components.get(c) ?? 0) + amount / components.length);
    needs.set(key, need);
  };
  for (const [component, teams] of byComponent) {
    for (let i = 0; i < teams.length; i++) {
      for (let j = i + 1; j < teams.length; j++) {
        const a = teams[i] as string;
        const b = teams[j] as string;
        const amount = Math.min(work.apart(a, b, component), work.apart(b, a, component));
        add(a, b, 'shared', amount, [component]);
      }
    }
  }
  for (const pair of coupled) {
    for (const teamX of byComponent.get(pair.a) ?? []) {
      for (const teamY of byComponent.get(pair.b) ?? []) {
        if (teamX === teamY) continue;
        const amount = Math.min(work.apart(teamX, teamY, pair.a), work.apart(teamY, teamX, pair.b));
        add(teamX, teamY, 'coupled', (amount * pair.degree) / 100, [pair.a, pair.b]);
      }
    }
  }

  const list: CoordinationNeed[] = [...needs].map(([key, need]) => {
    const [a, b] = key.split('\0') as [string, string];
    const via = wiring.between(a, b);
    return {
      teams: [a, b],
      sharedWork: round(need.shared),
      coupledWork: round(need.coupled),
      weight: round(need.shared + need.coupled),
      wired: via !== null,
      via,
      components: [...need.components]
        .sort(([x, wx], [y, wy]) => wy - wx || collate(x, y))
        .map(([ref, weight]) => ({ ref, weight: round(weight) })),
    };
  });
  // Ties in weight (many, among tens of thousands of needs) go by the pair's names.
  const names = new Map(list.map((n) => [n, n.teams.join()]));
  list.sort(
    (x, y) =>
      Number(x.wired) - Number(y.wired) ||
      y.weight - x.weight ||
      collate(names.get(x) as string, names.get(y) as string),
  );

  const total = list.reduce((s, n) => s + n.weight, 0);
  const wiredWeight = list.filter((n) => n.wired).reduce((s, n) => s + n.weight, 0);
  const idleInteractions: IdleInteraction[] = [];
  for (const [key, { mode, declaredBy }] of wiring.interactions) {
    if (needs.has(key)) continue;
    const [a, b] = key.split('\0') as [string, string];
    idleInteractions.push({ teams: [a, b], mode, declaredBy });
  }
  return {
    congruence: {
      weighted: total > 0 ? round(wiredWeight / total) : null,
      unweighted: list.length > 0 ? round(list.filter((n) => n.wired).length / list.length) : null,
    },
    needs: list,
    idleInteractions: idleInteractions.sort((x, y) => x.teams.join().localeCompare(y.teams.join())),
  };
}
