import type { DRIFT_RULE_IDS } from '../../model/index.js';
import type { DriftNeeds } from './drift-needs.js';

/**
 * The shapes of drift (design.md, issue 13): the wiring measured week by week over the
 * whole history, each week over a trailing window, and the alerts the rules raise on it.
 */

/** Weeks in each trailing window by default: a quiet week is not a collapse. */
export const DRIFT_TRAILING_WEEKS = 4;

/** An unwired need of one week's trailing window, for the emerging-need rule. */
export interface DriftNeed {
  /** The two team references, in order. */
  teams: [string, string];
  weight: number;
  /** The components behind it, strongest first. */
  components: string[];
}

/** One ISO week of the series: its figures over the trailing window that ends with it. */
export interface DriftWeek {
  /** The ISO week, `2026-W05`. */
  week: string;
  /** The trailing window, `YYYY-MM-DD` inclusive: `weeks` weeks ending with this one. */
  since: string;
  until: string;
  /** Commits in the trailing window (bots left out). */
  commits: number;
  congruence: { weighted: number | null; unweighted: number | null };
  /**
   * The change of weighted congruence since the week before, split in two (Σ = the change):
   * `work` = C(this week's work, last week's organisation) − C(last week's work, last week's
   * organisation), what the work changed; `wiring` = C(this week's work, this week's
   * organisation) − C(this week's work, last week's organisation), what the rewiring (a new
   * catalog version) changed — 0 when the catalog did not change. null in the first week and
   * when a figure is missing (no need).
   */
  congruenceChange: { work: number; wiring: number } | null;
  /** Σ weight of the unwired needs. */
  unwiredWeight: number;
  /**
   * Unwired needs (every weight; the rules apply their minimum), packed: JSON writes them
   * as an array of {@link DriftNeed}.
   */
  needs: DriftNeeds;
  /** Per team with work in the window: how many other teams it must coordinate with. */
  partners: { team: string; teams: number }[];
  /** Change-coupled component pairs owned by different teams. */
  crossTeamCoupling: number;
  /**
   * Owner share over the window: the owners' team-attributed commits ÷ all team-attributed
   * commits, over the components with an owner; null with none.
   */
  ownerShare: number | null;
  /** People's commits credited to a team ÷ people's commits; null with none. */
  coverage: number | null;
  /**
   * Members per team of the catalog's own Groups, as the version in force says (groups made
   * from team or ownership files are access lists, not team designs, and are left out).
   */
  teamSizes: { team: string; members: number }[];
  /** People in the teams, each once. */
  headcount: number;
  /** Declared interactions active in the window with no shared work. */
  idleInteractions: { teams: [string, string]; mode: string }[];
  /** Per providing team with requests in the window (empty without request exports). */
  queues: {
    team: string;
    /** p85 lead time, days; null with no request done. */
    p85: number | null;
    /** Share of done requests over the team's promise; null without a promise or requests. */
    breachRate: number | null;
    /** Done − arrived. */
    netFlow: number;
    /** The team's promised lead time, days (`orgwire.dev/request-sla`); null without one. */
    promise: number | null;
  }[];
  /**
   * The commit of the catalog version in force at the week's end, when the catalog's
   * history is read from git; null when today's catalog stands for the whole history.
   */
  catalogCommit: string | null;
  /** People in more than two of the catalog's own teams, with them (a hygiene rule's evidence). */
  multiTeamPeople: { user: string; teams: string[] }[];
}

/** A rule of drift, as `orgwire.yaml`'s `drift.rules` names it. */
export type DriftRule = (typeof DRIFT_RULE_IDS)[number];

/** An alert: a rule whose state changed to firing at `start`, with what it is about. */
export interface DriftAlert {
  rule: DriftRule;
  /** The ISO week it started. */
  start: string;
  /** The ISO week it stopped holding; null while it still holds at the end. */
  end: string | null;
  teams: string[];
  components: string[];
  /** The measure it is about (`congruence.weighted`, `unwiredWeight`, …). */
  measure: string;
  /** The measure's value in the week it started, and its baseline then. */
  value: number | null;
  baseline: number | null;
  /** `watch` (close to firing) or `alert`. */
  level: 'watch' | 'alert';
  /** What to open to see why: the weeks and what to look at, in words a leader reads. */
  evidence: string;
}
