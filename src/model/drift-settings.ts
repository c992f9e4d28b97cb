/** The drift rules (`orgwire drift`), in the order they are listed and backtested. */
export const DRIFT_RULE_IDS = [
  'measure-shift',
  'emerging-need',
  'idle-interaction',
  'coordination-outgrows-headcount',
  'queue-over-promise',
  'team-size',
  'person-in-many-teams',
] as const;

/** The weekly measures the measure-shift rule watches with a CUSUM. */
export const DRIFT_SHIFT_MEASURES = [
  'congruence.weighted',
  'congruence.unweighted',
  'unwiredWeight',
  'crossTeamCoupling',
  'ownerShare',
  'coverage',
] as const;
