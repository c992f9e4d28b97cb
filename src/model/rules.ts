/** A rule's severity: an error fails `orgwire check`, a warning is shown, `off` silences it. */
export type RuleSeverity = 'error' | 'warning' | 'off';

/** The alignment rules, each with its stable id and default severity (configurable in orgwire.yaml). */
export const RULES = {
  'goal/one-accountable': 'error',
  'goal/metric': 'error',
  'bet/goal-link': 'error',
  'bet/one-accountable': 'error',
  'bet/called-shot': 'error',
  'bet/responsible': 'error',
  'bet/overdue-decision': 'error',
  'bet/learning-missing': 'error',
  'team/size': 'warning',
  'person/team-count': 'warning',
} as const satisfies Record<string, Exclude<RuleSeverity, 'off'>>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];
