import type { Api, Bet, Catalog, Component } from '../model/index.js';
import type { CoordinationNeed } from './coordination.js';
import { declaredWiring } from './coordination.js';
import type { TimeWindow } from './window.js';

/** How many teams outside the responsible ones a bet must wait on. */
export type Independence = 'independent' | 'light' | 'heavy' | 'checkbox';
export type Quadrant = 'quick win' | 'big bet' | 'fill-in' | 'money pit';

/** A team outside the responsible ones that owns something the bet needs. */
export interface ExternalTeam {
  team: string;
  /** Expected wait at the team's request queue (p85 lead time, days); null until queues exist. */
  waitDays: number | null;
  /** Whether a declared interaction or the group tree wires it to a responsible team. */
  wired: boolean;
}

export interface BetReport {
  ref: string;
  name: string;
  title: string | null;
  goal: string | null;
  accountable: string | null;
  status: string;
  responsible: string[];
  /** Owners of what the bet needs (a System counts the owners of its components and APIs). */
  teamsNeeded: string[];
  external: ExternalTeam[];
  handoffs: number;
  independence: Independence;
  /** In [0, 1]: see {@link feasibility}. */
  feasibility: number;
  /** In [0, 1]: the shot's movement as a share of its goal's baseline → target gap; null when unknown. */
  impact: number | null;
  quadrant: Quadrant | null;
  /** Unwired coordination needs (from the history) among the teams involved. */
  unwiredNeeds: { teams: [string, string]; weight: number }[];
  decideBy: string | null;
  overdue: boolean;
}

export interface Calibration {
  /** Decided bets (won, lost, killed, inconclusive) with an outcome value and a shot. */
  decided: number;
  /** Of those, outcomes that reached the shot's `to` (≥ when `to` > `from`, ≤ when below). */
  hits: number;
  /** hits ÷ decided; null when nothing was decided. */
  rate: number | null;
  /** Mean of (confidence − hit)² over decided bets that gave a confidence; null when none did. */
  brier: number | null;
}

export interface BetsReport {
  bets: BetReport[];
  calibration: Calibration & { teams: ({ team: string } & Calibration)[] };
  review: {
    /** Active or proposed bets past their decide-by date. */
    overdue: string[];
    /** Goals no active bet serves, directly or through a goal below them. */
    goalsWithoutActiveBet: string[];
    /** Active bets whose needed components saw no commit in the window; null without history. */
    stalled: string[] | null;
  };
}

/** Independence by handoffs: 0 independent, 1–2 light, 3–5 heavy, 6 or more a checkbox project. */
export function independence(handoffs: number): Independence {
  if (handoffs === 0) return 'independent';
  if (handoffs <= 2) return 'light';
  if (handoffs <= 5) return 'heavy';
  return 'checkbox';
}

/** What one handoff leaves of a bet's chance to land on time: less when nothing wires the teams. */
export const HANDOFF_WIRED = 0.85;
export const HANDOFF_UNWIRED = 0.7;

/**
 * Feasibility in [0, 1]: the product, over the external teams, of 0.85 for a handoff that
 * a declared interaction (or the group tree) wires to a responsible team and 0.7 for one
 * that nothing wires; each known queue wait multiplies further by max(0.5, 1 − days ÷ 90).
 * A bet the responsible teams can do alone scores 1; six unwired handoffs score 0.12.
 */
export function feasibility(external: readonly ExternalTeam[]): number {
  let score = 1;
  for (const team of external) {
    score *= team.wired ? HANDOFF_WIRED : HANDOFF_UNWIRED;
    if (team.waitDays !== null) score *= Math.max(0.5, 1 - team.waitDays / 90);
  }
  return Math.round(score * 1000) / 1000;
}

/** The impact × feasibility quadrant, split at 0.5 on both axes. */
export function quadrant(impact: number | null, feasible: number): Quadrant | null {
  if (impact === null) return null;
  if (impact >= 0.5) return feasible >= 0.5 ? 'quick win' : 'big bet';
  return feasible >= 0.5 ? 'fill-in' : 'money pit';
}

const DECIDED = new Set(['won', 'lost', 'killed', 'inconclusive']);
const one = (value: string | string[] | undefined): string | null =>
  value === undefined
    ? null
    : Array.isArray(value)
      ? value.length === 1
        ? (value[0] as string)
        : null
      : value;

function calibrate(bets: readonly Bet[]): Calibration {
  let decided = 0;
  let hits = 0;
  let squared = 0;
  let confident = 0;
  for (const bet of bets) {
    const { shot, outcome, status } = bet.spec;
    if (!DECIDED.has(status ?? '') || outcome?.value === undefined) continue;
    if (shot?.from === undefined || shot.to === undefined) continue;
    decided++;
    const hit = shot.to >= shot.from ? outcome.value >= shot.to : outcome.value <= shot.to;
    if (hit) hits++;
    if (shot.confidence !== undefined) {
      confident++;
      squared += (shot.confidence - (hit ? 1 : 0)) ** 2;
    }
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    decided,
    hits,
    rate: decided > 0 ? round(hits / decided) : null,
    brier: confident > 0 ? round(squared / confident) : null,
  };
}

/**
 * The bets board (design.md §4 and §7): for each bet, the teams it needs and the
 * handoffs to teams outside the responsible ones, its independence, feasibility, impact
 * and quadrant; calibration of the called shots, overall and per responsible team; and
 * the review queue. `needs` and `changed` come from the history when there is one.
 */
export function analyzeBets(
  catalog: Catalog,
  options: {
    today: string;
    window: TimeWindow;
    needs?: readonly CoordinationNeed[];
    /** Components changed in the window; omit when no history was read. */
    changed?: ReadonlySet<string>;
    /** Expected wait per providing team, in days (queues); absent teams wait `null`. */
    waits?: ReadonlyMap<string, number>;
  },
): BetsReport {
  const wiring = declaredWiring(catalog, options.window);
  const groupsOf = new Map(catalog.users.map((u) => [u.ref, u.memberOf]));
  const teamsOwning = (owner: string): string[] =>
    owner.startsWith('user:') ? (groupsOf.get(owner) ?? []) : [owner];
  // Indexed once: with 20,000 components, scanning them for every need of every bet
  // took seconds, and the board is recomputed on every check-in.
  const partsOf = new Map<string, (Component | Api)[]>();
  for (const part of [...catalog.components, ...catalog.apis]) {
    if (part.system === undefined) continue;
    const parts = partsOf.get(part.system) ?? [];
    parts.push(part);
    partsOf.set(part.system, parts);
  }
  const providersOf = new Map<string, string[]>();
  for (const component of catalog.components) {
    for (const api of component.providesApis) {
      const providers = providersOf.get(api) ?? [];
      providers.push(component.ref);
      providersOf.set(api, providers);
    }
  }
  const ownersOf = (ref: string): string[] => {
    const entity = catalog.byRef.get(ref);
    if (!entity) return [];
    if (entity.kind === 'System') {
      const parts = partsOf.get(ref) ?? [];
      return parts.length > 0
        ? parts.flatMap((c) => teamsOwning(c.owner))
        : teamsOwning(entity.owner);
    }
    return 'owner' in entity && typeof entity.owner === 'string' ? teamsOwning(entity.owner) : [];
  };
  /** The components whose changes show work on a need: an API's providers, a System's parts. */
  const componentsOf = (ref: string): string[] => {
    const entity = catalog.byRef.get(ref);
    if (entity?.kind === 'API') return providersOf.get(ref) ?? [];
    if (entity?.kind === 'System') {
      const parts = partsOf.get(ref) ?? [];
      const components = parts.filter((p) => p.kind === 'Component').map((p) => p.ref);
      const apis = parts.filter((p) => p.kind === 'API').map((p) => p.ref);
      return [...new Set([...components, ...apis.flatMap((api) => providersOf.get(api) ?? [])])];
    }
    return [ref];
  };
  const goals = new Map(catalog.goals.map((g) => [g.ref, g]));
  // Unwired needs by their first team, in the needs' order: a bet looks only at those of
  // the teams it involves.
  const unwiredByTeam = new Map<string, CoordinationNeed[]>();
  (options.needs ?? []).forEach((need) => {
    if (need.wired) return;
    const list = unwiredByTeam.get(need.teams[0]) ?? [];
    list.push(need);
    unwiredByTeam.set(need.teams[0], list);
  });
  const order = new Map((options.needs ?? []).map((need, i) => [need, i]));

  const bets: BetReport[] = catalog.bets.map((bet) => {
    const spec = bet.spec;
    const responsible = spec.responsible ?? [];
    const needs = spec.needs ?? [];
    const teamsNeeded = [...new Set(needs.flatMap(ownersOf))].sort();
    const external = teamsNeeded
      .filter((t) => !responsible.includes(t))
      .map((team) => ({
        team,
        waitDays: options.waits?.get(team) ?? null,
        wired: responsible.some((r) => wiring.between(r, team) !== null),
      }));
    const goal = spec.goal ? goals.get(spec.goal) : undefined;
    const metric = goal?.spec.metric;
    const gap =
      metric?.baseline !== undefined && metric.target !== undefined
        ? Math.abs(metric.target - metric.baseline)
        : undefined;
    const movement =
      spec.shot?.from !== undefined && spec.shot.to !== undefined
        ? Math.abs(spec.shot.to - spec.shot.from)
        : undefined;
    const impact =
      gap && movement !== undefined ? Math.round(Math.min(1, movement / gap) * 1000) / 1000 : null;
    const feasible = feasibility(external);
    const involved = new Set([...responsible, ...teamsNeeded]);
    const status = spec.status ?? 'proposed';
    return {
      ref: bet.ref,
      name: bet.name,
      title: bet.title ?? null,
      goal: spec.goal ?? null,
      accountable: one(spec.accountable),
      status,
      responsible,
      teamsNeeded,
      external,
      handoffs: external.length,
      independence: independence(external.length),
      feasibility: feasible,
      impact,
      quadrant: quadrant(impact, feasible),
      unwiredNeeds: [...involved]
        .flatMap((team) => unwiredByTeam.get(team) ?? [])
        .filter((n) => involved.has(n.teams[1]))
        .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
        .map((n) => ({ teams: n.teams, weight: n.weight })),
      decideBy: spec.decideBy ?? null,
      overdue:
        (status === 'active' || status === 'proposed') &&
        spec.decideBy !== undefined &&
        spec.decideBy < options.today,
    };
  });

  const teams = [...new Set(catalog.bets.flatMap((b) => b.spec.responsible ?? []))].sort();
  // A goal is served by an active bet on it or on any goal below it.
  const served = new Set<string>();
  for (const bet of catalog.bets) {
    if (bet.spec.status !== 'active') continue;
    for (let goal = bet.spec.goal; goal && !served.has(goal); goal = goals.get(goal)?.spec.parent) {
      served.add(goal);
    }
  }
  return {
    bets,
    calibration: {
      ...calibrate(catalog.bets),
      teams: teams.map((team) => ({
        team,
        ...calibrate(catalog.bets.filter((b) => (b.spec.responsible ?? []).includes(team))),
      })),
    },
    review: {
      overdue: bets.filter((b) => b.overdue).map((b) => b.ref),
      goalsWithoutActiveBet: catalog.goals.filter((g) => !served.has(g.ref)).map((g) => g.ref),
      stalled:
        options.changed === undefined
          ? null
          : catalog.bets
              .filter((b) => b.spec.status === 'active')
              .filter(
                (b) =>
                  !(b.spec.needs ?? []).flatMap(componentsOf).some((c) => options.changed?.has(c)),
              )
              .map((b) => b.ref),
    },
  };
}
