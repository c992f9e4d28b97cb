import {
  type Catalog,
  type Entity,
  RULES,
  type RuleId,
  type RuleSeverity,
} from '../model/index.js';

/** A rule that fired, where, and what to do about it. */
export interface Violation {
  rule: RuleId;
  severity: 'error' | 'warning';
  entity: string;
  file: string;
  line: number;
  message: string;
}

/** Above this many members a team is hard to keep as one team (Team Topologies: 5–9). */
export const MAX_TEAM_SIZE = 9;
/** A person split across more teams than this belongs to none of them. */
export const MAX_TEAMS_PER_PERSON = 2;

const ACTIVE = new Set(['active', 'proposed']);
const FAILED = new Set(['lost', 'killed']);

const people = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Checks goals, bets and teams against the alignment rules (design.md §7). `today` is
 * `YYYY-MM-DD`, passed in so that results are reproducible. `severities` overrides the
 * defaults per rule (`off` silences one). Violations come in catalog order.
 */
export function checkRules(
  catalog: Catalog,
  today: string,
  severities: Partial<Record<RuleId, RuleSeverity>> = {},
): Violation[] {
  const violations: Violation[] = [];
  const fire = (rule: RuleId, entity: Entity, message: string): void => {
    const severity = severities[rule] ?? RULES[rule];
    if (severity === 'off') return;
    violations.push({
      rule,
      severity,
      entity: entity.ref,
      file: entity.source.file,
      line: entity.source.line,
      message,
    });
  };
  const name = (entity: Entity) => entity.title ?? entity.name;

  for (const goal of catalog.goals) {
    const accountable = people(goal.spec.accountable);
    if (accountable.length !== 1) {
      fire(
        'goal/one-accountable',
        goal,
        accountable.length === 0
          ? `Goal "${name(goal)}" has no accountable person. Name one user in spec.accountable: one person answers for it; many can be responsible.`
          : `Goal "${name(goal)}" has ${accountable.length} accountable people. Keep one in spec.accountable; make the others responsible through their teams.`,
      );
    }
    const metric = goal.spec.metric;
    const missing = [
      metric?.name ? undefined : 'name',
      metric?.baseline === undefined ? 'baseline' : undefined,
      metric?.target === undefined ? 'target' : undefined,
    ].filter((x): x is string => x !== undefined);
    if (missing.length > 0) {
      fire(
        'goal/metric',
        goal,
        `Goal "${name(goal)}" lacks its metric's ${missing.join(', ')}. Say what value it measures, where it stands and where it should get to.`,
      );
    }
  }

  const learned = new Set(catalog.learnings.flatMap((l) => (l.spec.bet ? [l.spec.bet] : [])));
  for (const bet of catalog.bets) {
    const spec = bet.spec;
    if (!spec.goal) {
      fire(
        'bet/goal-link',
        bet,
        `Bet "${name(bet)}" serves no goal: it states execution but no impact. Set spec.goal to the goal it should move, or drop it.`,
      );
    }
    const accountable = people(spec.accountable);
    if (accountable.length !== 1) {
      fire(
        'bet/one-accountable',
        bet,
        accountable.length === 0
          ? `Bet "${name(bet)}" has no accountable person. Name one user in spec.accountable.`
          : `Bet "${name(bet)}" has ${accountable.length} accountable people. Keep one; the responsible teams share the work.`,
      );
    }
    const missing = [
      spec.shot?.metric ? undefined : 'shot.metric',
      spec.shot?.from === undefined ? 'shot.from' : undefined,
      spec.shot?.to === undefined ? 'shot.to' : undefined,
      spec.decideBy ? undefined : 'decideBy',
      spec.shot?.kill ? undefined : 'shot.kill',
    ].filter((x): x is string => x !== undefined);
    if (missing.length > 0) {
      fire(
        'bet/called-shot',
        bet,
        `Bet "${name(bet)}" has not called its shot: it lacks ${missing.join(', ')}. Say which metric moves from what to what by when, and the result that would kill it.`,
      );
    }
    if ((spec.responsible ?? []).length === 0) {
      fire(
        'bet/responsible',
        bet,
        `Bet "${name(bet)}" names no responsible team. List the teams doing the work in spec.responsible.`,
      );
    }
    const status = spec.status ?? 'proposed';
    if (ACTIVE.has(status) && spec.decideBy !== undefined && spec.decideBy < today) {
      fire(
        'bet/overdue-decision',
        bet,
        `Bet "${name(bet)}" was to be decided by ${spec.decideBy} and is still ${status}. Continue with a new shot, kill it, or record what was learned.`,
      );
    }
    if (FAILED.has(status) && !learned.has(bet.ref)) {
      fire(
        'bet/learning-missing',
        bet,
        `Bet "${name(bet)}" was ${status} and no Learning tells what it taught. Write one (situation, complication, resolution, lessons) with spec.bet: ${bet.name}.`,
      );
    }
  }

  for (const group of catalog.groups) {
    if (group.members.length > MAX_TEAM_SIZE) {
      fire(
        'team/size',
        group,
        `Team ${group.name} has ${group.members.length} members, more than ${MAX_TEAM_SIZE}. Consider splitting it along the work it does.`,
      );
    }
  }
  for (const user of catalog.users) {
    if (user.memberOf.length > MAX_TEAMS_PER_PERSON) {
      fire(
        'person/team-count',
        user,
        `${user.displayName ?? user.name} is in ${user.memberOf.length} teams, more than ${MAX_TEAMS_PER_PERSON}. Someone in many teams belongs to none; choose their home team.`,
      );
    }
  }
  return violations;
}
