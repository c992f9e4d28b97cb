import { describe, expect, it } from 'vitest';
import { driftMonths } from './drift-months.js';
import { DriftNeeds } from './drift-needs.js';
import type { DriftWeek } from './drift-types.js';

const week = (until: string, weighted: number | null, unwired: number): DriftWeek => ({
  week: 'x',
  since: until,
  until,
  commits: 10,
  catalogCommit: null,
  congruence: { weighted, unweighted: null },
  congruenceChange: null,
  unwiredWeight: unwired,
  needs: DriftNeeds.of([]),
  partners: [],
  crossTeamCoupling: 1,
  ownerShare: 0.5,
  coverage: null,
  teamSizes: [],
  headcount: 0,
  idleInteractions: [],
  queues: [],
  multiTeamPeople: [],
});

describe('driftMonths', () => {
  it('averages each month\u2019s weeks, placing a week by its Thursday', () => {
    // The week ending Sunday 2026-02-01 has its Thursday on 29 January: January's.
    const months = driftMonths([
      week('2026-01-25', 0.5, 2),
      week('2026-02-01', null, 4),
      week('2026-02-08', 0.8, 9),
    ]);
    expect(months).toEqual([
      {
        month: '2026-01',
        weeks: 2,
        congruence: { weighted: 0.5, unweighted: null },
        unwiredWeight: 3,
        crossTeamCoupling: 1,
        ownerShare: 0.5,
        coverage: null,
      },
      {
        month: '2026-02',
        weeks: 1,
        congruence: { weighted: 0.8, unweighted: null },
        unwiredWeight: 9,
        crossTeamCoupling: 1,
        ownerShare: 0.5,
        coverage: null,
      },
    ]);
    expect(driftMonths([])).toEqual([]);
  });
});
