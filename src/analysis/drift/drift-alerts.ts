import { DRIFT_RULE_IDS, DRIFT_SHIFT_MEASURES, humanizeEntityRef } from '../../model/index.js';
import { type CusumPoint, cusum } from './cusum.js';
import type { DriftAlert, DriftNeed, DriftRule, DriftWeek } from './drift-types.js';

/** Every rule, in `DriftRule`'s order (the order of `backtest`). */
export const DRIFT_RULES: readonly DriftRule[] = DRIFT_RULE_IDS;

/** The weekly measures the measure-shift rule watches with a CUSUM. */
export type ShiftMeasure = (typeof DRIFT_SHIFT_MEASURES)[number];

export const SHIFT_MEASURES: readonly ShiftMeasure[] = DRIFT_SHIFT_MEASURES;

/**
 * The settings of every rule (`orgwire.yaml`'s `drift`), each rule's defaults in
 * {@link DEFAULT_DRIFT}. Weeks are counted in entries of the `weeks` array.
 */
export interface DriftOptions {
  /** The rules to run; the others raise nothing. */
  rules: readonly DriftRule[];
  /** Weeks after a rule stops holding for a subject before it may fire again for it. */
  cooldownWeeks: number;
  /** measure-shift: the CUSUM's baseline length, slack k, decision interval h and watch level. */
  baselineWeeks: number;
  k: number;
  h: number;
  watch: number;
  /** measure-shift: the smallest |value − baseline median| that may alert, per measure. */
  minEffect: Record<ShiftMeasure, number>;
  /** emerging-need: the weight from which an unwired need counts… */
  minWeight: number;
  /** …and the share of the week's whole unwired need weight it must reach too. */
  minShare: number;
  /** emerging-need: at least `emergingHits` of the last `emergingWeeks` weeks at minWeight… */
  emergingHits: number;
  emergingWeeks: number;
  /** emerging-need: …after each of the `quietWeeks` weeks before them below it. */
  quietWeeks: number;
  /** idle-interaction: weeks in a row without shared work. */
  idleWeeks: number;
  /** coordination-outgrows-headcount: the span compared, in weeks (a quarter). */
  growthWeeks: number;
  /** coordination-outgrows-headcount: need growth must exceed (1 + margin) × headcount growth… */
  margin: number;
  /** …and add at least this many team pairs. */
  minNewPairs: number;
  /** queue-over-promise: weeks running with the p85 lead time above the promise. */
  queueWeeks: number;
  /** team-size: the healthy team size, inclusive. */
  minTeamSize: number;
  maxTeamSize: number;
  /** person-in-many-teams: the most teams a person may be in. */
  maxTeamsPerPerson: number;
  /** measure-shift: weeks whose trailing window holds fewer commits are left out. */
  minCommits: number;
}

export const DEFAULT_DRIFT: DriftOptions = {
  rules: DRIFT_RULES,
  cooldownWeeks: 4,
  baselineWeeks: 12,
  k: 0.5,
  h: 5,
  watch: 4,
  minEffect: {
    'congruence.weighted': 0.1,
    'congruence.unweighted': 0.1,
    unwiredWeight: 5,
    crossTeamCoupling: 2,
    ownerShare: 0.1,
    coverage: 0.1,
  },
  minWeight: 2,
  minShare: 0.1,
  emergingHits: 3,
  emergingWeeks: 4,
  quietWeeks: 12,
  idleWeeks: 8,
  growthWeeks: 13,
  margin: 0.25,
  minNewPairs: 3,
  queueWeeks: 3,
  minTeamSize: 5,
  maxTeamSize: 9,
  maxTeamsPerPerson: 2,
  minCommits: 10,
};

/** What an alert says beyond its rule, weeks and level, built only for the weeks it fires. */
type Body = Pick<
  DriftAlert,
  'teams' | 'components' | 'measure' | 'value' | 'baseline' | 'evidence'
>;

/** A rule holding for a subject in one week. */
interface Hold {
  level: DriftAlert['level'];
  /** A change of phase at the same level (a shift turning from up to down) is a new alert. */
  phase?: string;
  body: () => Body;
}

const RANK = { watch: 1, alert: 2 } as const;

/**
 * Turns one subject's weekly holds into alerts. An alert fires in the week its rule starts to
 * hold (or rises from watch to alert) and ends in the first week it no longer holds at that
 * level. After an alert ends, the rule does not fire again for the same subject at the same
 * or a lower level for `cooldown` weeks: a return inside the cooldown is not reported, and if
 * the rule still holds when the cooldown is over it fires then. A watch never holds back an
 * alert, and a change of phase at the same level (a measure-shift turning from up to down)
 * ends the alert and starts the next at once.
 */
function episodes(
  rule: DriftRule,
  holds: readonly (Hold | null)[],
  weeks: readonly DriftWeek[],
  cooldown: number,
): DriftAlert[] {
  // A state that holds from the first week on is how the organisation has always been, not
  // a change: it is shown to watch while it lasts, never raised as drift (a 90-person team
  // in a catalog without history would otherwise fail every CI run).
  let fromStart = true;
  holds = holds.map((hold) => {
    if (!hold) fromStart = false;
    return hold && fromStart ? { ...hold, level: 'watch' } : hold;
  });
  const alerts: DriftAlert[] = [];
  let active: { alert: DriftAlert; phase: string | undefined } | null = null;
  let lastEnd = Number.NEGATIVE_INFINITY;
  let lastRank = 0;
  holds.forEach((hold, i) => {
    const rank = hold ? RANK[hold.level] : 0;
    if (active && rank === RANK[active.alert.level] && hold?.phase === active.phase) return;
    const week = (weeks[i] as DriftWeek).week;
    let flipped = false;
    if (active) {
      active.alert.end = week;
      lastEnd = i;
      lastRank = RANK[active.alert.level];
      flipped = rank === lastRank;
      active = null;
    }
    if (hold && (flipped || rank > lastRank || i - lastEnd >= cooldown)) {
      const alert: DriftAlert = { rule, start: week, end: null, level: hold.level, ...hold.body() };
      active = { alert, phase: hold.phase };
      alerts.push(alert);
    }
  });
  return alerts;
}

const name = (ref: string): string => humanizeEntityRef(ref);
const pairName = (teams: readonly string[]): string => teams.map(name).join(' + ');
/** A component as people say it: `checkout`, `pkg/api/`, a MAINTAINERS section's title. */
const componentName = (ref: string): string => {
  const made = /^(codeowners|owners|maintainers|folder):[^:]*:(.*)$/.exec(ref);
  if (!made) return name(ref);
  const [, kind, rest = ''] = made;
  return kind === 'folder' || kind === 'owners' ? `${rest || '(root)'}/` : rest;
};
const fmt = (x: number | null): string => (x === null ? 'none' : String(Number(x.toFixed(2))));
const pairKey = (teams: readonly [string, string]): string => [...teams].sort().join('\u0000');
const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

const MEASURE_NAMES: Record<ShiftMeasure, string> = {
  'congruence.weighted': 'Weighted congruence',
  'congruence.unweighted': 'Unweighted congruence',
  unwiredWeight: 'Unwired need weight',
  crossTeamCoupling: 'Cross-team change coupling',
  ownerShare: 'Owner share',
  coverage: 'Team coverage of commits',
};

function measureOf(week: DriftWeek, measure: ShiftMeasure): number | null {
  switch (measure) {
    case 'congruence.weighted':
      return week.congruence.weighted;
    case 'congruence.unweighted':
      return week.congruence.unweighted;
    case 'unwiredWeight':
      return week.unwiredWeight;
    case 'crossTeamCoupling':
      return week.crossTeamCoupling;
    case 'ownerShare':
      return week.ownerShare;
    case 'coverage':
      return week.coverage;
  }
}

/** The week's strongest unwired needs (up to 3), each with its 3 strongest components. */
function strongestNeeds(week: DriftWeek): DriftNeed[] {
  const { needs } = week;
  return Array.from({ length: needs.length }, (_, i) => i)
    .sort((a, b) => needs.weight(b) - needs.weight(a))
    .slice(0, 3)
    .map((i) => needs.at(i));
}

/** How many weeks each week's figures span (its trailing window), 1 when unknown. */
function trailingWeeks(week: DriftWeek | undefined): number {
  if (!week) return 1;
  const days = (Date.parse(week.until) - Date.parse(week.since)) / 86_400_000 + 1;
  return Number.isFinite(days) ? Math.max(1, Math.round(days / 7)) : 1;
}

/**
 * Whether a CUSUM point that reached watch or alert (so |value − median| ≥ the minimum
 * effect) is a shift to report:
 *
 * - the value lies on the side its sum went. A sum fills on deviations below the minimum
 *   effect too, and keeps what it holds until an alert restarts it: weighted congruence at
 *   1.0 against a median of 0.96 for weeks filled S⁺, and a fall to 0.83 then read as an
 *   alert that it "rose to 0.83 from a median of 1".
 * - for weighted congruence, the need weight the shift stands for is at least the minimum
 *   effect of unwiredWeight (5): |value − median| × the week's whole need weight, which is
 *   unwiredWeight ÷ (1 − weighted) (the last one known while weighted is 1). Congruence is a
 *   ratio: over a need weight of 25, three stray commits in another team's component move
 *   it by 0.1, which as unwired need weight is no news.
 */
function isShift(weeks: readonly DriftWeek[], measure: ShiftMeasure, o: DriftOptions) {
  let last: number | null = null;
  const needWeight = weeks.map((w) => {
    const c = w.congruence.weighted;
    if (c !== null && c < 1) last = w.unwiredWeight / (1 - c);
    return last;
  });
  return (p: CusumPoint, i: number): boolean => {
    if (p.value === null || p.median === null) return true;
    const moved = p.value - p.median;
    if (p.direction === 'up' ? moved <= 0 : moved >= 0) return false;
    const whole = needWeight[i];
    return (
      measure !== 'congruence.weighted' ||
      whole == null ||
      Math.abs(moved) * whole >= o.minEffect.unwiredWeight
    );
  };
}

/**
 * measure-shift: a two-sided CUSUM (see `cusum`) on each of congruence.weighted,
 * congruence.unweighted, unwiredWeight, crossTeamCoupling, ownerShare and coverage, against
 * the median and MAD of its previous `baselineWeeks` (12) weeks, k = 0.5, h = 5, watch 4,
 * with a minimum effect per measure (0.1, 0.1, 5, 2, 0.1, 0.1 in the measure's units).
 * Weeks whose window holds fewer than `minCommits` (10) commits are left out, and for
 * unweighted congruence the weeks with fewer than 1 ÷ its minimum effect (10) team pairs
 * with a need: there one pair more or less, which one stray commit makes, moves it by the
 * minimum effect or more. A CUSUM point counts only as {@link isShift} says.
 * It holds at 'alert' from a CUSUM alert point for as long as the sum on that side stays
 * above 0 (the measure stays off its baseline; it stops once the rolling baseline has
 * absorbed a lasting shift or the measure came back), and at 'watch' in a CUSUM watch point
 * outside such a run. Value and baseline: the measure and the baseline median that week.
 * For unwiredWeight and the congruences, teams and components are those of the week's
 * strongest unwired needs (up to 3, each with its 3 strongest components).
 */
function measureShift(weeks: readonly DriftWeek[], o: DriftOptions): DriftAlert[] {
  return SHIFT_MEASURES.flatMap((measure) => {
    // A window of a handful of commits, or a congruence over a handful of team pairs, says
    // little: its figures are left out, not alarmed on.
    const coarse = (w: DriftWeek) =>
      w.commits < o.minCommits ||
      (measure === 'congruence.unweighted' && coordinationPairs(w) * o.minEffect[measure] < 1);
    const values = weeks.map((w) => (coarse(w) ? null : measureOf(w, measure)));
    const points = cusum(values, {
      baselineWeeks: o.baselineWeeks,
      k: o.k,
      h: o.h,
      watch: o.watch,
      minEffect: o.minEffect[measure],
      overlap: trailingWeeks(weeks[0]),
    });
    const named = measure === 'unwiredWeight' || measure.startsWith('congruence.');
    const shift = isShift(weeks, measure, o);
    let seen = 0;
    let held: 'up' | 'down' | null = null;
    const holds = points.map((raw, i): Hold | null => {
      const p =
        raw.state === 'normal' || shift(raw, i) ? raw : { ...raw, state: 'normal' as const };
      const before = Math.min(seen, o.baselineWeeks);
      if (p.value !== null) seen++;
      if (p.state === 'alert') held = p.direction;
      else if (p.value !== null && (held === 'up' ? p.upper <= 0 : p.lower <= 0)) held = null;
      const level = held ? 'alert' : p.state === 'watch' ? 'watch' : null;
      if (!level) return null;
      const direction = held ?? p.direction;
      const week = weeks[i] as DriftWeek;
      return {
        level,
        ...(held ? { phase: held } : {}),
        body: () => {
          const needs = named ? strongestNeeds(week) : [];
          const moved = direction === 'up' ? 'rose' : 'fell';
          const where =
            needs.length > 0
              ? `; strongest unwired needs: ${needs
                  .map(
                    (n) =>
                      `${pairName(n.teams)}${n.components[0] ? ` (${componentName(n.components[0])})` : ''}`,
                  )
                  .join(', ')}`
              : '';
          const evidence =
            level === 'alert'
              ? `${MEASURE_NAMES[measure]} ${moved} to ${fmt(p.value)} in ${week.week}, from a median of ${fmt(p.median)} over the ${before} weeks before${where}.`
              : `${MEASURE_NAMES[measure]} is drifting ${direction}, ${fmt(p.value)} in ${week.week} against a median of ${fmt(p.median)} over the ${before} weeks before, close to an alert${where}.`;
          return {
            teams: unique(needs.flatMap((n) => n.teams)),
            components: unique(needs.flatMap((n) => n.components.slice(0, 3))),
            measure,
            value: p.value,
            baseline: p.median,
            evidence,
          };
        },
      };
    });
    return episodes('measure-shift', holds, weeks, o.cooldownWeeks);
  });
}

/**
 * emerging-need: a pair of teams whose unwired need weighs at least `minWeight` (2) in
 * `emergingHits` of the last `emergingWeeks` weeks (3 of 4) after being below it, or absent,
 * in each of the `quietWeeks` (12) weeks before; it needs that much history to fire. Each
 * week's figures are over its trailing window, so one week of work is in the figures of as
 * many weeks as the window has: two stray commits in one week would read as 4 weeks of
 * need. Over windows of more than one week the need must also have lasted: its weight rose
 * after the first of those weeks (new work came in), or that week's figures came with a new
 * catalog version (the window read its weeks anew with the new teams). Once
 * started it holds while the need stays at minWeight in 3 of the last 4 weeks (it stops when
 * the need is wired or fades). Teams: the pair; components: the need's, strongest first, in
 * the latest week it was there. Value: its weight that week; baseline: the highest weight of
 * the quiet weeks.
 */
function emergingNeed(weeks: readonly DriftWeek[], o: DriftOptions): DriftAlert[] {
  const span = trailingWeeks(weeks[0]);
  // Per pair, where its need is in each week's needs (undefined: none that week).
  const pairs = new Map<string, { teams: [string, string]; at: (number | undefined)[] }>();
  weeks.forEach((week, i) => {
    for (let n = 0; n < week.needs.length; n++) {
      const teams = week.needs.teams(n);
      const key = pairKey(teams);
      let pair = pairs.get(key);
      if (!pair) {
        pair = { teams, at: [] };
        pairs.set(key, pair);
      }
      pair.at[i] = n;
    }
  });
  return [...pairs.values()].flatMap(({ teams, at }) => {
    const weight = (i: number) => {
      const n = at[i];
      return n === undefined ? 0 : (weeks[i] as DriftWeek).needs.weight(n);
    };
    // A need counts from minWeight and from minShare of the week's unwired need: in a large
    // organisation pairs cross 2 every week, and only the strong ones are news.
    const hit = (i: number) =>
      weight(i) >= Math.max(o.minWeight, o.minShare * ((weeks[i] as DriftWeek).unwiredWeight ?? 0));
    const hitsUpTo = (i: number) => {
      let hits = 0;
      for (let j = Math.max(0, i - o.emergingWeeks + 1); j <= i; j++) if (hit(j)) hits++;
      return hits;
    };
    // Over windows of `span` weeks one week of work stays in `span` weeks' figures: the
    // need lasted only if its weight rose after it first counted (new work came in), or if
    // it first counted with a new catalog version (the window read its weeks anew).
    const lasted = (i: number) => {
      if (span === 1) return true;
      let first = Math.max(0, i - o.emergingWeeks + 1);
      while (first < i && !hit(first)) first++;
      const reread =
        first > 0 &&
        (weeks[first] as DriftWeek).catalogCommit !== (weeks[first - 1] as DriftWeek).catalogCommit;
      return reread || weight(i) > weight(first);
    };
    let held = false;
    const holds = weeks.map((week, i): Hold | null => {
      const firstQuiet = i - o.emergingWeeks - o.quietWeeks + 1;
      let onset = firstQuiet >= 0 && hitsUpTo(i) >= o.emergingHits && lasted(i);
      let peak = 0;
      for (let j = firstQuiet; onset && j <= i - o.emergingWeeks; j++) {
        if (hit(j)) onset = false;
        peak = Math.max(peak, weight(j));
      }
      held = onset || (held && hitsUpTo(i) >= o.emergingHits);
      if (!held) return null;
      return {
        level: 'alert',
        body: () => {
          let latest = i;
          while (at[latest] === undefined) latest--;
          const components = (weeks[latest] as DriftWeek).needs.components(at[latest] as number);
          const from = (weeks[Math.max(0, i - o.emergingWeeks + 1)] as DriftWeek).week;
          return {
            teams: [...teams],
            components: [...components],
            measure: 'needs',
            value: weight(i),
            baseline: onset ? peak : null,
            evidence:
              `Unwired need ${pairName(teams)} at ${fmt(o.minWeight)} or more in ${hitsUpTo(i)} of the last ${o.emergingWeeks} weeks (${from} to ${week.week})` +
              (components[0] ? `, mostly in ${componentName(components[0])}` : '') +
              (onset ? `, after ${o.quietWeeks} weeks below it.` : '.'),
          };
        },
      };
    });
    return episodes('emerging-need', holds, weeks, o.cooldownWeeks);
  });
}

/**
 * idle-interaction: a declared interaction (a pair of teams and its mode) listed in
 * `idleInteractions` `idleWeeks` (8) weeks or more in a row; it starts in the 8th week and
 * holds while it stays idle. Value: the weeks in a row; baseline: null.
 */
function idleInteraction(weeks: readonly DriftWeek[], o: DriftOptions): DriftAlert[] {
  const interactions = new Map<
    string,
    { teams: [string, string]; mode: string; idle: boolean[] }
  >();
  weeks.forEach((week, i) => {
    for (const { teams, mode } of week.idleInteractions) {
      const key = `${pairKey(teams)}\u0000${mode}`;
      let it = interactions.get(key);
      if (!it) {
        it = { teams, mode, idle: [] };
        interactions.set(key, it);
      }
      it.idle[i] = true;
    }
  });
  return [...interactions.values()].flatMap(({ teams, mode, idle }) => {
    let run = 0;
    const holds = weeks.map((week, i): Hold | null => {
      run = idle[i] ? run + 1 : 0;
      if (run < o.idleWeeks) return null;
      const weeksIdle = run;
      const from = (weeks[i - run + 1] as DriftWeek).week;
      return {
        level: 'alert',
        body: () => ({
          teams: [...teams],
          components: [],
          measure: 'idleInteractions',
          value: weeksIdle,
          baseline: null,
          evidence: `The declared ${mode} between ${pairName(teams)} had no shared work for ${weeksIdle} weeks in a row (${from} to ${week.week}).`,
        }),
      };
    });
    return episodes('idle-interaction', holds, weeks, o.cooldownWeeks);
  });
}

/** Team pairs that must coordinate in a week: Σ partners ÷ 2 (each pair is seen from both sides). */
function coordinationPairs(week: DriftWeek): number {
  return week.partners.reduce((sum, p) => sum + p.teams, 0) / 2;
}

/**
 * coordination-outgrows-headcount: over `growthWeeks` (13, a quarter), the team pairs that
 * must coordinate (Σ `partners` ÷ 2, wired or not) grew by a factor above (1 + `margin`)
 * (1.25) × the headcount's growth factor, and by at least `minNewPairs` (3) pairs. From zero
 * pairs any growth of 3 or more counts; with no headcount a quarter before it cannot hold.
 * Teams: the (up to 3) teams that gained most partners. Value: the pairs now; baseline: a
 * quarter before.
 */
function coordinationOutgrowsHeadcount(weeks: readonly DriftWeek[], o: DriftOptions): DriftAlert[] {
  // Quarters compared by their means, not two single weeks: one quiet week a quarter ago
  // would make any ordinary week look like growth.
  const mean = (from: number, to: number, of: (w: DriftWeek) => number) => {
    let sum = 0;
    for (let j = from; j < to; j++) sum += of(weeks[j] as DriftWeek);
    return sum / (to - from);
  };
  const holds = weeks.map((week, i): Hold | null => {
    const then = weeks[i - o.growthWeeks];
    if (!then || i + 1 < 2 * o.growthWeeks) return null;
    const q = o.growthWeeks;
    const pairs = Math.round(mean(i + 1 - q, i + 1, coordinationPairs) * 10) / 10;
    const before = Math.round(mean(i + 1 - 2 * q, i + 1 - q, coordinationPairs) * 10) / 10;
    const headcount = mean(i + 1 - q, i + 1, (w) => w.headcount);
    const headcountBefore = mean(i + 1 - 2 * q, i + 1 - q, (w) => w.headcount);
    if (headcountBefore <= 0) return null;
    // Cross-multiplied growth factors, so that zero pairs a quarter ago needs no division.
    const outgrows = pairs * headcountBefore > (1 + o.margin) * headcount * before;
    if (!outgrows || pairs - before < o.minNewPairs) return null;
    return {
      level: 'alert',
      body: () => {
        const had = new Map(then.partners.map((p) => [p.team, p.teams]));
        const gainers = week.partners
          .map((p) => ({ team: p.team, gain: p.teams - (had.get(p.team) ?? 0) }))
          .filter((p) => p.gain > 0)
          .sort((a, b) => b.gain - a.gain || a.team.localeCompare(b.team))
          .slice(0, 3)
          .map((p) => p.team);
        const factor = (now: number, was: number) => (was > 0 ? ` (×${fmt(now / was)})` : '');
        return {
          teams: gainers,
          components: [],
          measure: 'partners',
          value: pairs,
          baseline: before,
          evidence:
            `Team pairs that must coordinate grew from ${fmt(before)} a week on average in the quarter to ${then.week} to ${fmt(pairs)} in the quarter to ${week.week}${factor(pairs, before)}, while headcount went from ${fmt(headcountBefore)} to ${fmt(headcount)}${factor(headcount, headcountBefore)}` +
            (gainers.length > 0 ? `; most new partners: ${gainers.map(name).join(', ')}.` : '.'),
        };
      },
    };
  });
  return episodes('coordination-outgrows-headcount', holds, weeks, o.cooldownWeeks);
}

type Queue = DriftWeek['queues'][number];

/**
 * queue-over-promise: a providing team whose p85 lead time is above its promised lead time
 * in each of the last `queueWeeks` (3) weeks; it holds while that stays so. Value: the p85
 * that week; baseline: the p85 in the week before the run, or null.
 */
function queueOverPromise(weeks: readonly DriftWeek[], o: DriftOptions): DriftAlert[] {
  const teams = new Map<string, (Queue | undefined)[]>();
  weeks.forEach((week, i) => {
    for (const q of week.queues) {
      let byWeek = teams.get(q.team);
      if (!byWeek) {
        byWeek = [];
        teams.set(q.team, byWeek);
      }
      byWeek[i] = q;
    }
  });
  return [...teams].flatMap(([team, queues]) => {
    const over = (i: number) => {
      const q = queues[i];
      return q?.p85 != null && q.promise != null && q.p85 > q.promise;
    };
    let run = 0;
    const holds = weeks.map((week, i): Hold | null => {
      run = over(i) ? run + 1 : 0;
      if (run < o.queueWeeks) return null;
      const q = queues[i] as Queue;
      const first = i - o.queueWeeks + 1;
      return {
        level: 'alert',
        body: () => ({
          teams: [team],
          components: [],
          measure: 'queues.p85',
          value: q.p85,
          baseline: queues[first - 1]?.p85 ?? null,
          evidence: `Requests to ${name(team)} took ${fmt(q.p85)} days at p85, over its promise of ${fmt(q.promise)} days, ${o.queueWeeks} weeks running (${(weeks[first] as DriftWeek).week} to ${week.week}).`,
        }),
      };
    });
    return episodes('queue-over-promise', holds, weeks, o.cooldownWeeks);
  });
}

/**
 * Per-subject weekly figures of a list-valued field, for the two catalog hygiene rules.
 * `at[i]` is undefined in a week without the subject.
 */
function bySubject<T>(
  weeks: readonly DriftWeek[],
  list: (week: DriftWeek) => readonly T[],
  key: (item: T) => string,
): Map<string, (T | undefined)[]> {
  const subjects = new Map<string, (T | undefined)[]>();
  weeks.forEach((week, i) => {
    for (const item of list(week)) {
      let at = subjects.get(key(item));
      if (!at) {
        at = [];
        subjects.set(key(item), at);
      }
      at[i] = item;
    }
  });
  return subjects;
}

/**
 * team-size: a team with fewer than `minTeamSize` (5) or more than `maxTeamSize` (9)
 * members in the catalog in force. Value: its members; baseline: the week before's, or null.
 */
function teamSize(weeks: readonly DriftWeek[], o: DriftOptions): DriftAlert[] {
  const teams = bySubject(
    weeks,
    (w) => w.teamSizes,
    (t) => t.team,
  );
  return [...teams].flatMap(([team, sizes]) => {
    const holds = weeks.map((week, i): Hold | null => {
      const members = sizes[i]?.members;
      if (members === undefined || (members >= o.minTeamSize && members <= o.maxTeamSize)) {
        return null;
      }
      const bound =
        members < o.minTeamSize ? `fewer than ${o.minTeamSize}` : `more than ${o.maxTeamSize}`;
      return {
        level: 'alert',
        body: () => ({
          teams: [team],
          components: [],
          measure: 'teamSizes',
          value: members,
          baseline: sizes[i - 1]?.members ?? null,
          evidence: `${name(team)} has ${members} members in ${week.week}, ${bound}.`,
        }),
      };
    });
    return episodes('team-size', holds, weeks, o.cooldownWeeks);
  });
}

/**
 * person-in-many-teams: a person in more than `maxTeamsPerPerson` (2) teams
 * (`multiTeamPeople`, which lists only people in more than two). People are evidence, not a
 * leaderboard: the alert names the teams, and the person only in its evidence. Value: the
 * number of teams; baseline: the week before's, or null.
 */
function personInManyTeams(weeks: readonly DriftWeek[], o: DriftOptions): DriftAlert[] {
  const people = bySubject(
    weeks,
    (w) => w.multiTeamPeople,
    (p) => p.user,
  );
  return [...people].flatMap(([user, entries]) => {
    const holds = weeks.map((week, i): Hold | null => {
      const teams = entries[i]?.teams;
      if (!teams || teams.length <= o.maxTeamsPerPerson) return null;
      return {
        level: 'alert',
        body: () => ({
          teams: [...teams],
          components: [],
          measure: 'multiTeamPeople',
          value: teams.length,
          baseline: entries[i - 1]?.teams.length ?? null,
          evidence: `${name(user)} is a member of ${teams.length} teams (${teams.map(name).join(', ')}) in ${week.week}, more than ${o.maxTeamsPerPerson}; check the catalog.`,
        }),
      };
    });
    return episodes('person-in-many-teams', holds, weeks, o.cooldownWeeks);
  });
}

const RULES: Record<DriftRule, (weeks: readonly DriftWeek[], o: DriftOptions) => DriftAlert[]> = {
  'measure-shift': measureShift,
  'emerging-need': emergingNeed,
  'idle-interaction': idleInteraction,
  'coordination-outgrows-headcount': coordinationOutgrowsHeadcount,
  'queue-over-promise': queueOverPromise,
  'team-size': teamSize,
  'person-in-many-teams': personInManyTeams,
};

/**
 * The alerts the drift rules raise over a history of weeks, oldest first, one entry per ISO
 * week (a week is a position in the array). Each rule fires when it starts to hold for a
 * subject (a measure, a team pair, an interaction, the organisation, a team, a person), not
 * every week it holds; `end` is the first week it no longer holds, null if it holds at the
 * last week; after it ends the same rule stays quiet for the same subject for
 * `cooldownWeeks` (4). The rules and their defaults are documented on each rule function.
 * Alerts come by start week, then in rule order.
 */
export function driftAlerts(
  weeks: readonly DriftWeek[],
  options: Partial<DriftOptions> = {},
): DriftAlert[] {
  const o: DriftOptions = {
    ...DEFAULT_DRIFT,
    ...options,
    minEffect: { ...DEFAULT_DRIFT.minEffect, ...options.minEffect },
  };
  const order = new Map(DRIFT_RULES.map((rule, i) => [rule, i]));
  return DRIFT_RULES.filter((rule) => o.rules.includes(rule))
    .flatMap((rule) => RULES[rule](weeks, o))
    .sort(
      (a, b) =>
        a.start.localeCompare(b.start) || (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0),
    );
}

/**
 * How often each rule fired at 'alert' level (watches left out), every rule listed, 0
 * included, in `DriftRule` order.
 */
export function backtest(alerts: readonly DriftAlert[]): { rule: DriftRule; alerts: number }[] {
  return DRIFT_RULES.map((rule) => ({
    rule,
    alerts: alerts.filter((a) => a.rule === rule && a.level === 'alert').length,
  }));
}
