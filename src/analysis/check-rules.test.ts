import { describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog, RULE_IDS, type RuleId } from '../model/index.js';
import { checkRules, type Violation } from './check-rules.js';

// A clean organisation: one team of three, one goal, an active bet that has everything,
// and a lost bet with its learning. Each variant below edits one line of it, replacing a
// line by a line (a removed field becomes a comment) so that every document keeps the
// line it starts on. Those lines, counted by hand:
//   catalog/org.yaml        group checkout-team 1, user alice 6, bob 11, carol 16
//   catalog/goals.yaml      goal checkout-completion 2 (line 1 is a comment)
//   catalog/bets.yaml       bet guest-checkout 1, bet homepage-banner 13
const ORG = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: checkout-team}
spec: {type: team, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: alice}
spec: {memberOf: [checkout-team]}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: bob}
spec: {memberOf: [checkout-team]}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: carol}
spec: {memberOf: [checkout-team], profile: {displayName: Carol Diaz}}
`;

const COMPONENTS = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: checkout-web}
spec: {type: website, lifecycle: production, owner: checkout-team}
`;

const GOALS = `# What the checkout team is trying to move.
apiVersion: orgwire.dev/v1alpha1
kind: Goal
metadata: {name: checkout-completion, title: Checkout completion}
spec:
  metric: {name: Checkout completion, unit: '%', baseline: 58, target: 66}
  accountable: alice
  owner: checkout-team
`;

const BETS = `apiVersion: orgwire.dev/v1alpha1
kind: Bet
metadata: {name: guest-checkout, title: Guest checkout first}
spec:
  goal: checkout-completion
  accountable: alice
  responsible: [checkout-team]
  needs: [checkout-web]
  shot: {metric: Checkout completion, from: 58, to: 64, confidence: 0.7, kill: Below 60 after three weeks}
  decideBy: '2026-12-18'
  status: active
---
apiVersion: orgwire.dev/v1alpha1
kind: Bet
metadata: {name: homepage-banner, title: Homepage banner}
spec:
  goal: checkout-completion
  accountable: bob
  responsible: [checkout-team]
  shot: {metric: Checkout completion, from: 58, to: 61, confidence: 0.6, kill: No lift after four weeks}
  decideBy: '2026-08-28'
  status: lost
  outcome: {value: 57.5, decidedAt: '2026-08-27'}
`;

const LEARNINGS = `apiVersion: orgwire.dev/v1alpha1
kind: Learning
metadata: {name: homepage-banner-lost, title: The banner did not sell}
spec:
  bet: homepage-banner
  situation: We expected a banner to lift checkout completion.
  lessons: [Measure the metric the goal names.]
  date: '2026-09-03'
`;

type Files = Record<string, string>;
const BASE: Files = {
  'catalog/org.yaml': ORG,
  'catalog/components.yaml': COMPONENTS,
  'catalog/goals.yaml': GOALS,
  'catalog/bets.yaml': BETS,
  'catalog/learnings.yaml': LEARNINGS,
};
const TODAY = '2026-11-01';

/** The base with seven more people in checkout-team: ten members. */
const BIG_TEAM: Files = {
  ...BASE,
  'catalog/org.yaml': `${ORG}${Array.from(
    { length: 7 },
    (_, i) => `---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: extra-${i}}
spec: {memberOf: [checkout-team]}
`,
  ).join('')}`,
};

/** The base with `from` replaced by `to` in one file; `from` must occur there exactly once. */
function edit(files: Files, path: string, from: string, to: string): Files {
  const text = files[path];
  if (text === undefined) throw new Error(`no file ${path}`);
  if (text.split(from).length !== 2) throw new Error(`"${from}" is not once in ${path}`);
  return { ...files, [path]: text.replace(from, to) };
}

/** Loads the files as a catalog, insisting that the catalog itself has no problem at all. */
function load(files: Files): Catalog {
  const { catalog, problems } = loadCatalog(
    Object.entries(files).map(([path, text]) => ({ path, text })),
  );
  expect(problems).toEqual([]);
  return catalog;
}

const check = (
  files: Files,
  today = TODAY,
  severities: Parameters<typeof checkRules>[2] = {},
): Violation[] => checkRules(load(files), today, severities);

const rules = (violations: readonly Violation[]) => violations.map((v) => v.rule);

describe('checkRules on a clean catalog', () => {
  it('finds nothing wrong: a lost bet past its decide-by date is decided, not overdue', () => {
    expect(check(BASE)).toEqual([]);
  });

  it('knows the ten rules, and no more', () => {
    expect(RULE_IDS).toHaveLength(10);
  });
});

describe('checkRules, one rule broken at a time', () => {
  const GOAL_AT = { file: 'catalog/goals.yaml', line: 2 };
  const GUEST_AT = { file: 'catalog/bets.yaml', line: 1 };
  const BANNER_AT = { file: 'catalog/bets.yaml', line: 13 };
  const GOAL = 'goal:default/checkout-completion';
  const GUEST = 'bet:default/guest-checkout';
  const BANNER = 'bet:default/homepage-banner';

  const cases: {
    rule: RuleId;
    how: string;
    files: Files;
    severity: 'error' | 'warning';
    entity: string;
    at: { file: string; line: number };
    says: string;
  }[] = [
    {
      rule: 'goal/one-accountable',
      how: 'a goal with nobody accountable',
      files: edit(BASE, 'catalog/goals.yaml', '  accountable: alice', '  # nobody accountable'),
      severity: 'error',
      entity: GOAL,
      at: GOAL_AT,
      says: 'Goal "Checkout completion" has no accountable person.',
    },
    {
      rule: 'goal/metric',
      how: 'a goal whose metric has no target',
      files: edit(BASE, 'catalog/goals.yaml', ', target: 66}', '}'),
      severity: 'error',
      entity: GOAL,
      at: GOAL_AT,
      says: `Goal "Checkout completion" lacks its metric's target.`,
    },
    {
      rule: 'bet/goal-link',
      how: 'a bet that serves no goal',
      files: edit(
        BASE,
        'catalog/bets.yaml',
        `  goal: checkout-completion
  accountable: alice`,
        `  # no goal
  accountable: alice`,
      ),
      severity: 'error',
      entity: GUEST,
      at: GUEST_AT,
      says: 'Bet "Guest checkout first" serves no goal',
    },
    {
      rule: 'bet/one-accountable',
      how: 'a decided bet with nobody accountable',
      files: edit(BASE, 'catalog/bets.yaml', '  accountable: bob', '  # nobody accountable'),
      severity: 'error',
      entity: BANNER,
      at: BANNER_AT,
      says: 'Bet "Homepage banner" has no accountable person.',
    },
    {
      rule: 'bet/called-shot',
      how: 'a bet whose shot has no kill criterion',
      files: edit(BASE, 'catalog/bets.yaml', ', kill: Below 60 after three weeks}', '}'),
      severity: 'error',
      entity: GUEST,
      at: GUEST_AT,
      says: 'Bet "Guest checkout first" has not called its shot: it lacks shot.kill.',
    },
    {
      rule: 'bet/responsible',
      how: 'a bet with an empty list of responsible teams',
      files: edit(
        BASE,
        'catalog/bets.yaml',
        `  accountable: bob
  responsible: [checkout-team]`,
        `  accountable: bob
  responsible: []`,
      ),
      severity: 'error',
      entity: BANNER,
      at: BANNER_AT,
      says: 'Bet "Homepage banner" names no responsible team.',
    },
    {
      rule: 'bet/overdue-decision',
      how: 'an active bet whose decide-by date has passed',
      files: edit(BASE, 'catalog/bets.yaml', `decideBy: '2026-12-18'`, `decideBy: '2026-10-31'`),
      severity: 'error',
      entity: GUEST,
      at: GUEST_AT,
      says: 'Bet "Guest checkout first" was to be decided by 2026-10-31 and is still active.',
    },
    {
      rule: 'bet/learning-missing',
      how: 'a lost bet that no learning names',
      files: edit(BASE, 'catalog/learnings.yaml', '  bet: homepage-banner', '  incident: INC-1'),
      severity: 'error',
      entity: BANNER,
      at: BANNER_AT,
      says: 'Bet "Homepage banner" was lost and no Learning tells what it taught.',
    },
    {
      rule: 'team/size',
      how: 'a team of ten',
      files: BIG_TEAM,
      severity: 'warning',
      entity: 'group:default/checkout-team',
      at: { file: 'catalog/org.yaml', line: 1 },
      says: 'Team checkout-team has 10 members, more than 9.',
    },
    {
      rule: 'person/team-count',
      how: 'a person in three teams',
      files: {
        ...BASE,
        'catalog/org.yaml': `${ORG.replace(
          'metadata: {name: bob}\nspec: {memberOf: [checkout-team]}',
          'metadata: {name: bob}\nspec: {memberOf: [checkout-team, payments, search]}',
        )}---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: payments}
spec: {type: team, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: search}
spec: {type: team, children: []}
`,
      },
      severity: 'warning',
      entity: 'user:default/bob',
      at: { file: 'catalog/org.yaml', line: 11 },
      says: 'bob is in 3 teams, more than 2.',
    },
  ];

  it('has one case per rule', () => {
    expect(cases.map((c) => c.rule).sort()).toEqual([...RULE_IDS].sort());
  });

  it.each(cases)('$rule fires, and only it, for $how', (c) => {
    const violations = check(c.files);
    expect(rules(violations)).toEqual([c.rule]);
    expect(violations[0]).toEqual({
      rule: c.rule,
      severity: c.severity,
      entity: c.entity,
      file: c.at.file,
      line: c.at.line,
      message: expect.stringContaining(c.says),
    });
  });

  it('names a person by display name when they have one', () => {
    const files = edit(
      BASE,
      'catalog/org.yaml',
      'spec: {memberOf: [checkout-team], profile: {displayName: Carol Diaz}}',
      'spec: {memberOf: [checkout-team, a, b], profile: {displayName: Carol Diaz}}',
    );
    const withTeams = {
      ...files,
      'catalog/more.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: a}
spec: {type: team, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: b}
spec: {type: team, children: []}
`,
    };
    expect(check(withTeams)).toEqual([
      {
        rule: 'person/team-count',
        severity: 'warning',
        entity: 'user:default/carol',
        file: 'catalog/org.yaml',
        line: 16,
        message: expect.stringContaining('Carol Diaz is in 3 teams'),
      },
    ]);
  });

  it('also wants a learning for a killed bet, and none for a won or inconclusive one', () => {
    const noLearning = { ...BASE };
    delete noLearning['catalog/learnings.yaml'];
    const killed = edit(noLearning, 'catalog/bets.yaml', 'status: lost', 'status: killed');
    expect(check(killed)).toEqual([
      expect.objectContaining({
        rule: 'bet/learning-missing',
        entity: BANNER,
        message: expect.stringContaining('was killed and no Learning'),
      }),
    ]);
    for (const status of ['won', 'inconclusive']) {
      expect(
        check(edit(noLearning, 'catalog/bets.yaml', 'status: lost', `status: ${status}`)),
      ).toEqual([]);
    }
  });

  it('reports several broken rules in catalog order: goals, then bets, then teams, then people', () => {
    let files = edit(BASE, 'catalog/goals.yaml', '  accountable: alice', '  # nobody accountable');
    files = edit(files, 'catalog/bets.yaml', '  accountable: bob', '  # nobody accountable');
    files = edit(
      files,
      'catalog/bets.yaml',
      `  goal: checkout-completion
  accountable: alice`,
      `  # no goal
  accountable: alice`,
    );
    expect(check(files).map((v) => [v.rule, v.entity])).toEqual([
      ['goal/one-accountable', GOAL],
      ['bet/goal-link', GUEST],
      ['bet/one-accountable', BANNER],
    ]);
  });
});

describe('checkRules and the date of today', () => {
  // guest-checkout is to be decided by 2026-12-18.
  it('does not call a bet overdue on its decide-by day', () => {
    expect(check(BASE, '2026-12-18')).toEqual([]);
  });

  it('calls it overdue the day after', () => {
    expect(rules(check(BASE, '2026-12-19'))).toEqual(['bet/overdue-decision']);
  });

  it('calls a proposed bet overdue too', () => {
    const proposed = edit(BASE, 'catalog/bets.yaml', 'status: active', 'status: proposed');
    expect(check(proposed, '2026-12-19')).toEqual([
      expect.objectContaining({
        rule: 'bet/overdue-decision',
        entity: 'bet:default/guest-checkout',
        message: expect.stringContaining('is still proposed'),
      }),
    ]);
  });

  it('treats a bet without a status as proposed', () => {
    const unstated = edit(BASE, 'catalog/bets.yaml', '  status: active', '  # no status');
    expect(check(unstated, '2026-12-19')).toEqual([
      expect.objectContaining({
        rule: 'bet/overdue-decision',
        message: expect.stringContaining('is still proposed'),
      }),
    ]);
  });
});

describe('checkRules with severities from orgwire.yaml', () => {
  const overdue = edit(
    BASE,
    'catalog/bets.yaml',
    `decideBy: '2026-12-18'`,
    `decideBy: '2026-10-31'`,
  );

  it('silences a rule set to off', () => {
    expect(check(overdue, TODAY, { 'bet/overdue-decision': 'off' })).toEqual([]);
  });

  it('downgrades an error rule set to warning', () => {
    expect(check(overdue, TODAY, { 'bet/overdue-decision': 'warning' })).toEqual([
      expect.objectContaining({ rule: 'bet/overdue-decision', severity: 'warning' }),
    ]);
  });

  it('upgrades team/size to an error', () => {
    expect(check(BIG_TEAM, TODAY)).toEqual([
      expect.objectContaining({ rule: 'team/size', severity: 'warning' }),
    ]);
    expect(check(BIG_TEAM, TODAY, { 'team/size': 'error' })).toEqual([
      expect.objectContaining({ rule: 'team/size', severity: 'error' }),
    ]);
  });

  it('leaves the other rules at their defaults', () => {
    const both = { ...overdue, 'catalog/org.yaml': BIG_TEAM['catalog/org.yaml'] as string };
    expect(check(both, TODAY, { 'team/size': 'off' }).map((v) => [v.rule, v.severity])).toEqual([
      ['bet/overdue-decision', 'error'],
    ]);
  });
});

describe('checkRules on goals', () => {
  const metric = (line: string) =>
    edit(
      BASE,
      'catalog/goals.yaml',
      `  metric: {name: Checkout completion, unit: '%', baseline: 58, target: 66}`,
      line,
    );

  it.each([
    ['the baseline', `  metric: {name: Checkout completion, target: 66}`, 'baseline.'],
    ['the name and the baseline', `  metric: {unit: '%', target: 66}`, 'name, baseline.'],
    ['the whole metric', '  # no metric', 'name, baseline, target.'],
  ])('names what is missing when a goal lacks %s', (_, line, missing) => {
    expect(check(metric(line))).toEqual([
      expect.objectContaining({
        rule: 'goal/metric',
        message: expect.stringContaining(`lacks its metric's ${missing}`),
      }),
    ]);
  });

  it('accepts a baseline of zero', () => {
    expect(check(metric('  metric: {name: Incidents, baseline: 0, target: 0}'))).toEqual([]);
  });

  it('counts two accountable people given as a list', () => {
    const two = edit(
      BASE,
      'catalog/goals.yaml',
      '  accountable: alice',
      '  accountable: [alice, bob]',
    );
    expect(check(two)).toEqual([
      {
        rule: 'goal/one-accountable',
        severity: 'error',
        entity: 'goal:default/checkout-completion',
        file: 'catalog/goals.yaml',
        line: 2,
        message: expect.stringContaining('Goal "Checkout completion" has 2 accountable people.'),
      },
    ]);
  });

  it('accepts one accountable person given as a list of one', () => {
    const one = edit(BASE, 'catalog/goals.yaml', '  accountable: alice', '  accountable: [alice]');
    expect(check(one)).toEqual([]);
  });
});

describe('checkRules on bets', () => {
  it('counts two accountable people given as a list', () => {
    const two = edit(
      BASE,
      'catalog/bets.yaml',
      '  accountable: alice',
      '  accountable: [alice, bob]',
    );
    expect(check(two)).toEqual([
      expect.objectContaining({
        rule: 'bet/one-accountable',
        entity: 'bet:default/guest-checkout',
        message: expect.stringContaining('has 2 accountable people'),
      }),
    ]);
  });

  it('names every part of the shot that is missing', () => {
    let files = edit(
      BASE,
      'catalog/bets.yaml',
      '  shot: {metric: Checkout completion, from: 58, to: 64, confidence: 0.7, kill: Below 60 after three weeks}',
      '  shot: {to: 64}',
    );
    files = edit(files, 'catalog/bets.yaml', `  decideBy: '2026-12-18'`, '  # no decideBy');
    expect(check(files)).toEqual([
      expect.objectContaining({
        rule: 'bet/called-shot',
        message: expect.stringContaining('it lacks shot.metric, shot.from, decideBy, shot.kill.'),
      }),
    ]);
  });

  it('accepts a shot from zero', () => {
    const zero = edit(BASE, 'catalog/bets.yaml', 'from: 58, to: 64', 'from: 0, to: 64');
    expect(check(zero)).toEqual([]);
  });
});
