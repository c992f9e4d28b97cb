/**
 * Drift in plain words: what each weekly measure and each alert rule means, as the Trends
 * page, the overview and team pages say it. Numbers are the rules' defaults
 * (`orgwire.yaml`'s `drift:` can change them).
 */
import type { DriftRule, TrendAlert, TrendWeek } from '../../src/server/api-types.js';
import { DASH, days } from './format.js';

/** A rule's short name and what makes it fire. */
export const RULE_WORDS: Record<DriftRule, { title: string; fires: string }> = {
  'measure-shift': {
    title: 'A measure left its normal',
    fires:
      'A weekly measure moved away from where it had been for the 12 weeks before, and stayed away. It adds up how far each week lands from that usual level (a CUSUM, a running sum of surprises) so that one odd week does not alarm but a steady slide does. A small wobble never counts: each measure has a least change. Close to the threshold it is a watch; past it, an alert.',
  },
  'emerging-need': {
    title: 'A new unwired need',
    fires:
      'Two teams started changing the same or coupled code, with nothing in the organisation wiring them (not one team, not parent and child, no declared interaction): in 3 of the last 4 weeks, after 12 weeks below that.',
  },
  'idle-interaction': {
    title: 'A declared interaction went idle',
    fires:
      'Two teams declared that they work together, but their work has not touched the same code for 8 weeks running: the declaration may be out of date.',
  },
  'coordination-outgrows-headcount': {
    title: 'Coordination grew faster than the people',
    fires:
      'Over the last quarter, the pairs of teams that must coordinate grew at least 25% faster than the number of people (and by 3 pairs at least), against the quarter before.',
  },
  'queue-over-promise': {
    title: 'A queue over its promise',
    fires:
      'Requests to a team took longer than it promises (its p85 lead time: 85% of requests are done within it) 3 weeks running.',
  },
  'team-size': {
    title: 'Team size outside 5–9',
    fires:
      'A team has fewer than 5 or more than 9 people. Held since the first week, it is how the team has always been, so it shows as a watch.',
  },
  'person-in-many-teams': {
    title: 'A person in more than two teams',
    fires:
      'Someone belongs to more than 2 teams, and so splits their attention; the person is named only in the evidence.',
  },
};

/** The rule's short name; the id itself for a rule this UI does not know yet. */
export function ruleTitle(rule: string): string {
  return RULE_WORDS[rule as DriftRule]?.title ?? rule;
}

/** The rule's short name, with the measure it is about when the rule watches several. */
export function alertTitle(alert: Pick<TrendAlert, 'rule' | 'measure'>): string {
  const title = ruleTitle(alert.rule);
  return alert.rule === 'measure-shift' ? `${title}: ${measureName(alert.measure)}` : title;
}

/** What the alerts' `measure` names, in words. */
const MEASURE_NAMES: Record<string, string> = {
  'congruence.weighted': 'congruence',
  'congruence.unweighted': 'congruence, each pair of teams once',
  unwiredWeight: 'unwired need weight',
  crossTeamCoupling: 'cross-team coupling',
  ownerShare: 'owner share',
  coverage: 'coverage',
  needs: 'an unwired need between two teams',
  idleInteractions: 'weeks without shared work',
  partners: 'team pairs that must coordinate',
  'queues.p85': 'p85 lead time',
  teamSizes: 'team size',
  multiTeamPeople: 'teams per person',
};

export function measureName(measure: string): string {
  return MEASURE_NAMES[measure] ?? measure;
}

/** A measure drawn on the Trends page. */
export interface MeasureSpec {
  key: string;
  title: string;
  /** What it is, in a sentence. */
  means: string;
  value: (w: TrendWeek) => number | null;
  share: boolean;
  /** The alerts' `measure`s drawn on this chart. */
  alerts: readonly string[];
}

export const MEASURES: readonly MeasureSpec[] = [
  {
    key: 'congruence',
    title: 'Congruence',
    means:
      'Of the coordination the work requires (teams changing the same or change-coupled code), the share the organisation wires: the same team, parent and child, or a declared interaction. Higher is better. No line: no two teams had work in common.',
    value: (w) => w.congruence.weighted,
    share: true,
    alerts: ['congruence.weighted', 'congruence.unweighted'],
  },
  {
    key: 'unwired',
    title: 'Unwired need weight',
    means:
      'How much work teams share with teams they are not wired to: the coordination nobody arranged. Lower is better.',
    value: (w) => w.unwiredWeight,
    share: false,
    alerts: ['unwiredWeight', 'needs'],
  },
  {
    key: 'coupling',
    title: 'Cross-team coupling',
    means:
      'Pairs of components owned by different teams that keep changing in the same commits: one team cannot ship without the other.',
    value: (w) => w.crossTeamCoupling,
    share: false,
    alerts: ['crossTeamCoupling'],
  },
  {
    key: 'owner-share',
    title: 'Owner share',
    means:
      'Of the changes to components that have an owner, the share the owning team made itself. Falling means others increasingly change what a team owns.',
    value: (w) => w.ownerShare,
    share: true,
    alerts: ['ownerShare'],
  },
  {
    key: 'coverage',
    title: 'Coverage',
    means:
      'The share of people’s commits credited to a team. Below 80% the other figures speak for too few people.',
    value: (w) => w.coverage,
    share: true,
    alerts: ['coverage'],
  },
  {
    key: 'commits',
    title: 'Commits',
    means: 'Commits in the window, bots left out: how much work the figures rest on.',
    value: (w) => w.commits,
    share: false,
    alerts: [],
  },
  {
    key: 'headcount',
    title: 'Headcount',
    means: 'People in the catalog’s teams, each counted once, as the catalog said that week.',
    value: (w) => w.headcount,
    share: false,
    alerts: ['partners', 'teamSizes', 'multiTeamPeople'],
  },
];

/** Percentage points with a sign: 0.04 → "+4", −0.061 → "−6". */
function points(delta: number): string {
  const n = Math.round(delta * 100);
  if (n === 0) return '0';
  return n > 0 ? `+${n}` : `\u2212${-n}`;
}

/**
 * The newest change of congruence, split in what the work changed and what the rewiring
 * changed: "of −4 pts, the work −1, the rewiring −3". Null when no week has a change.
 */
export function lastChange(
  series: readonly TrendWeek[],
): { week: string; before: string; text: string } | null {
  for (let i = series.length - 1; i > 0; i--) {
    const week = series[i] as TrendWeek;
    const change = week.congruenceChange;
    if (!change) continue;
    const total = change.work + change.wiring;
    const before = (series[i - 1] as TrendWeek).week;
    const text =
      Math.round(total * 100) === 0
        ? 'congruence held (it moved less than half a point)'
        : `of ${points(total)} pts, the work ${points(change.work)}, the rewiring ${points(change.wiring)}`;
    return { week: week.week, before, text };
  }
  return null;
}

/** "2026-W32 – 2026-W40", or "since 2026-W32, still holding". */
export function alertSpan(alert: Pick<TrendAlert, 'start' | 'end'>): string {
  return alert.end === null
    ? `since ${alert.start}, still holding`
    : `${alert.start} \u2013 ${alert.end}`;
}

/** A value an alert quotes, as the measure reads. */
export function alertValue(measure: string, value: number | null): string {
  if (value === null) return DASH;
  const share = ['congruence.weighted', 'congruence.unweighted', 'ownerShare', 'coverage'];
  if (share.includes(measure)) return `${Math.round(value * 100)}%`;
  if (measure === 'queues.p85') return days(value);
  return String(Math.round(value * 100) / 100);
}
