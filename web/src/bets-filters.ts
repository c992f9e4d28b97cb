/**
 * The bets board's filters, kept in the page's URL (`?status=active&goal=app-conversion&
 * team=mobile-app&quadrant=quick-win&decided=show`) so that a link reproduces the view. Other
 * parameters (the period's `since` and `until`) are left as they are.
 */
import type { BetCard } from '../../src/server/api-types.js';

/** Statuses whose bet has been called: the outcome is in, the bet is off the matrix by default. */
export const DECIDED_STATUSES = ['won', 'lost', 'killed', 'inconclusive'] as const;
export const OPEN_STATUSES = ['proposed', 'active'] as const;

/** The status filter: one status, or every open or every decided one. */
export const STATUS_CHOICES = ['open', 'decided', ...OPEN_STATUSES, ...DECIDED_STATUSES] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

/** The quadrant filter: a quadrant in the URL's spelling, or `unknown` (no impact known). */
export const QUADRANT_CHOICES = [
  'quick-win',
  'big-bet',
  'fill-in',
  'money-pit',
  'unknown',
] as const;
export type QuadrantChoice = (typeof QUADRANT_CHOICES)[number];

/** The goal filter's value for bets that serve no goal (`~` is never part of an entity name). */
export const NO_GOAL = '~none';

export interface BetFilters {
  status: StatusChoice | null;
  /** A goal as {@link shortRef} writes it, or {@link NO_GOAL}. */
  goal: string | null;
  /** A team as {@link shortRef} writes it: responsible for the bet or owning what it needs. */
  team: string | null;
  quadrant: QuadrantChoice | null;
  /** Whether decided bets are drawn on the matrix too (they are always in the list). */
  showDecided: boolean;
}

export const NO_FILTERS: BetFilters = {
  status: null,
  goal: null,
  team: null,
  quadrant: null,
  showDecided: false,
};

const KEYS = ['status', 'goal', 'team', 'quadrant', 'decided'] as const;

export function isDecided(status: string): boolean {
  return (DECIDED_STATUSES as readonly string[]).includes(status);
}

/**
 * An entity reference as the URL writes it: `goal:default/app-conversion` → `app-conversion`,
 * `group:emea/payments` → `emea/payments`.
 */
export function shortRef(ref: string): string {
  const afterKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  return afterKind.startsWith('default/') ? afterKind.slice('default/'.length) : afterKind;
}

/** A quadrant as the analysis names it (`quick win`) in the URL's spelling (`quick-win`). */
export function quadrantChoice(quadrant: string | null): QuadrantChoice {
  return quadrant === null ? 'unknown' : (quadrant.replace(/ /g, '-') as QuadrantChoice);
}

const oneOf = <T extends string>(choices: readonly T[], value: string | null): T | null =>
  value !== null && (choices as readonly string[]).includes(value) ? (value as T) : null;

const nonEmpty = (value: string | null): string | null =>
  value === null || value.trim() === '' ? null : value.trim();

/** The filters a query string names; unknown statuses and quadrants are no filter. */
export function filtersIn(search: string): BetFilters {
  const params = new URLSearchParams(search);
  return {
    status: oneOf(STATUS_CHOICES, params.get('status')),
    goal: nonEmpty(params.get('goal')),
    team: nonEmpty(params.get('team')),
    quadrant: oneOf(QUADRANT_CHOICES, params.get('quadrant')),
    showDecided: params.get('decided') === 'show',
  };
}

/** A query string with `filters` set (none: taken out), every other parameter kept. */
export function searchWithFilters(search: string, filters: BetFilters): string {
  const params = new URLSearchParams(search);
  for (const key of KEYS) params.delete(key);
  if (filters.status) params.set('status', filters.status);
  if (filters.goal) params.set('goal', filters.goal);
  if (filters.team) params.set('team', filters.team);
  if (filters.quadrant) params.set('quadrant', filters.quadrant);
  if (filters.showDecided) params.set('decided', 'show');
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Whether any filter narrows the list (the matrix toggle does not). */
export function narrows(filters: BetFilters): boolean {
  return (
    filters.status !== null ||
    filters.goal !== null ||
    filters.team !== null ||
    filters.quadrant !== null
  );
}

/** Whether `bet` passes every filter. */
export function matches(bet: BetCard, filters: BetFilters): boolean {
  if (filters.status === 'open' && isDecided(bet.status)) return false;
  if (filters.status === 'decided' && !isDecided(bet.status)) return false;
  if (
    filters.status !== null &&
    filters.status !== 'open' &&
    filters.status !== 'decided' &&
    bet.status !== filters.status
  )
    return false;
  if (filters.goal !== null) {
    const goal = bet.goal === null ? NO_GOAL : shortRef(bet.goal);
    if (goal !== filters.goal) return false;
  }
  if (filters.team !== null) {
    const teams = [...bet.responsible, ...bet.teamsNeeded].map(shortRef);
    if (!teams.includes(filters.team)) return false;
  }
  if (filters.quadrant !== null && quadrantChoice(bet.quadrant) !== filters.quadrant) return false;
  return true;
}

/** Whether the matrix draws `bet`: it has a known impact, and is open unless decided ones show. */
export function onMatrix(bet: BetCard, filters: BetFilters): boolean {
  return bet.impact !== null && (filters.showDecided || !isDecided(bet.status));
}
