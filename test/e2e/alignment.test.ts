import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Runs the built CLI: `npm run build` first.
const BIN = resolve('bin/orgwire.js');
const work = mkdtempSync(join(tmpdir(), 'orgwire-alignment-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function orgwire(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

let folders = 0;
const fresh = () => {
  const dir = join(work, `case-${++folders}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

// One team, one goal, an active bet to be decided by 2026-12-18 (bets.yaml line 1) and a
// lost bet with its learning (bets.yaml line 13), and an incident learning from October.
const CATALOG = {
  'catalog/org.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web}
spec: {type: team, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: alice}
spec: {memberOf: [web]}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: bob}
spec: {memberOf: [web]}
`,
  'catalog/components.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: web-shop}
spec: {type: website, lifecycle: production, owner: web}
`,
  'catalog/goals.yaml': `apiVersion: orgwire.dev/v1alpha1
kind: Goal
metadata: {name: checkout-completion, title: Checkout completion}
spec:
  metric: {name: Checkout completion, baseline: 58, target: 66}
  accountable: alice
`,
  'catalog/bets.yaml': `apiVersion: orgwire.dev/v1alpha1
kind: Bet
metadata: {name: guest-checkout, title: Guest checkout first}
spec:
  goal: checkout-completion
  accountable: alice
  responsible: [web]
  needs: [web-shop]
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
  responsible: [web]
  shot: {metric: Checkout completion, from: 58, to: 61, confidence: 0.6, kill: No lift after four weeks}
  decideBy: '2026-08-28'
  status: lost
  outcome: {value: 57.5, decidedAt: '2026-08-27'}
`,
  'catalog/learnings.yaml': `apiVersion: orgwire.dev/v1alpha1
kind: Learning
metadata: {name: homepage-banner-lost, title: The banner did not sell}
spec:
  bet: homepage-banner
  situation: We expected a banner to lift checkout completion.
  complication: It pushed the campaign below the fold.
  resolution: We switched it off.
  lessons: [Measure the metric the goal names.]
  date: '2026-09-03'
  authors: [bob]
---
apiVersion: orgwire.dev/v1alpha1
kind: Learning
metadata: {name: search-outage, title: Search went down}
spec:
  incident: INC-7, search failed for ten minutes
  situation: Search depends on one index.
  lessons: [Keep a second index warm.]
  date: '2026-10-01'
  authors: [alice]
`,
};

describe('orgwire check', () => {
  it('exits 0 on a clean catalog', () => {
    const dir = write(fresh(), CATALOG);
    const result = orgwire(['check', '--catalog', 'catalog', '--today', '2026-11-01'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('0 errors, 0 warnings');
    const json = orgwire(
      ['check', '--catalog', 'catalog', '--today', '2026-11-01', '--format', 'json'],
      dir,
    );
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ version: 1, today: '2026-11-01', violations: [] });
  });

  it('exits 1 when an error rule fires, with the violation as JSON', () => {
    const dir = write(fresh(), CATALOG);
    const result = orgwire(
      ['check', '--catalog', 'catalog', '--today', '2026-12-19', '--format', 'json'],
      dir,
    );
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      version: 1,
      today: '2026-12-19',
      violations: [
        {
          rule: 'bet/overdue-decision',
          severity: 'error',
          entity: 'bet:default/guest-checkout',
          file: 'catalog/bets.yaml',
          line: 1,
          message: expect.stringContaining('was to be decided by 2026-12-18 and is still active'),
        },
      ],
    });
    const text = orgwire(['check', '--catalog', 'catalog', '--today', '2026-12-19'], dir);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('catalog/bets.yaml:1  error  bet/overdue-decision');
  });

  it('is not overdue on the decide-by day itself', () => {
    const dir = write(fresh(), CATALOG);
    expect(orgwire(['check', '--catalog', 'catalog', '--today', '2026-12-18'], dir).status).toBe(0);
  });

  it('exits 0 when orgwire.yaml turns the firing rule into a warning', () => {
    const dir = write(fresh(), {
      ...CATALOG,
      'orgwire.yaml': 'rules:\n  bet/overdue-decision: warning\n',
    });
    const result = orgwire(
      ['check', '--catalog', 'catalog', '--today', '2026-12-19', '--format', 'json'],
      dir,
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).violations).toEqual([
      expect.objectContaining({ rule: 'bet/overdue-decision', severity: 'warning' }),
    ]);
  });

  it('refuses an unknown rule in orgwire.yaml, naming it and its line, exit 2', () => {
    const dir = write(fresh(), {
      ...CATALOG,
      'orgwire.yaml': 'rules:\n  bet/overdue-decision: warning\n  bet/overdue: off\n',
    });
    const result = orgwire(['check', '--catalog', 'catalog', '--today', '2026-11-01'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown rule bet/overdue');
    expect(result.stderr).toContain('bet/overdue-decision'); // the hint lists the rules
    // bet/overdue is on line 3.
    expect(result.stderr).toContain('orgwire.yaml:3:');
    noStackTrace(result.stderr);
  });

  it('exits 2 on a broken catalog', () => {
    const dir = write(fresh(), {
      ...CATALOG,
      'catalog/goals.yaml': `apiVersion: orgwire.dev/v1alpha1
kind: Goal
metadata: {name: checkout-completion}
spec: {accountable: nobody-here}
`,
    });
    const result = orgwire(['check', '--catalog', 'catalog', '--today', '2026-11-01'], dir);
    expect(result.status).toBe(2);
    expect(`${result.stdout}${result.stderr}`).toContain('user:default/nobody-here');
    noStackTrace(result.stderr);
  });

  it.each(['2026-13-01', '1 Nov 2026', 'tomorrow'])('exits 2 on --today %s', (today) => {
    const dir = write(fresh(), CATALOG);
    const result = orgwire(['check', '--catalog', 'catalog', '--today', today], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--today ${today} is not a date.`);
    noStackTrace(result.stderr);
  });

  it('exits 2 on --today 2026-02-30, a day February does not have', () => {
    const dir = write(fresh(), CATALOG);
    const result = orgwire(['check', '--catalog', 'catalog', '--today', '2026-02-30'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--today 2026-02-30 is not a date.');
  });
});

describe('orgwire bets', () => {
  it('gives the board, calibration and review queue as JSON, with stalled unknown', () => {
    const dir = write(fresh(), CATALOG);
    const result = orgwire(
      ['bets', '--catalog', 'catalog', '--today', '2026-12-19', '--format', 'json'],
      dir,
    );
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['version', 'bets', 'calibration', 'review']);
    expect(json.version).toBe(1);
    // guest-checkout: web owns web-shop, so no handoff; impact |64 − 58| / |66 − 58| = 0.75.
    expect(json.bets.map((b: { name: string }) => b.name)).toEqual([
      'guest-checkout',
      'homepage-banner',
    ]);
    expect(json.bets[0]).toMatchObject({
      ref: 'bet:default/guest-checkout',
      independence: 'independent',
      feasibility: 1,
      impact: 0.75,
      quadrant: 'quick win',
      overdue: true,
    });
    // homepage-banner: 57.5 < 61, a miss at confidence 0.6 → Brier 0.6² = 0.36.
    expect(json.calibration).toMatchObject({ decided: 1, hits: 0, rate: 0, brier: 0.36 });
    expect(json.review).toEqual({
      overdue: ['bet:default/guest-checkout'],
      goalsWithoutActiveBet: [],
      stalled: null,
    });
  });

  it('shows the demo: a checkbox project, an overdue bet and a calibrated record', () => {
    const dir = fresh();
    const result = orgwire(['bets', '--demo', '--format', 'json'], dir);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    const bet = (name: string) => json.bets.find((b: { name: string }) => b.name === name);
    expect(bet('unified-customer-id').independence).toBe('checkbox');
    expect(bet('search-synonyms').overdue).toBe(true);
    expect(json.review.overdue).toContain('bet:default/search-synonyms');
    expect(json.calibration.decided).toBeGreaterThanOrEqual(6);
  });
});

describe('orgwire learnings', () => {
  it('lists the learnings newest first', () => {
    const dir = write(fresh(), CATALOG);
    const result = orgwire(['learnings', '--catalog', 'catalog'], dir);
    expect(result.status).toBe(0);
    const headings = result.stdout.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
    expect(headings).toEqual([
      '2026-10-01 Search went down — incident: INC-7, search failed for ten minutes',
      '2026-09-03 The banner did not sell — bet homepage-banner',
    ]);
  });

  it('writes Markdown with a heading per learning', () => {
    const dir = write(fresh(), CATALOG);
    const result = orgwire(['learnings', '--catalog', 'catalog', '--format', 'md'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('## '))).toEqual([
      '## Search went down',
      '## The banner did not sell',
    ]);
    expect(result.stdout).toContain(
      '**Situation.** We expected a banner to lift checkout completion.',
    );
    expect(result.stdout).toContain('- Measure the metric the goal names.');
  });

  it('gives every field as JSON', () => {
    const dir = write(fresh(), CATALOG);
    const result = orgwire(['learnings', '--catalog', 'catalog', '--format', 'json'], dir);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      version: 1,
      learnings: [
        {
          ref: 'learning:default/search-outage',
          title: 'Search went down',
          date: '2026-10-01',
          bet: null,
          incident: 'INC-7, search failed for ten minutes',
          situation: 'Search depends on one index.',
          complication: null,
          resolution: null,
          lessons: ['Keep a second index warm.'],
          authors: ['user:default/alice'],
        },
        {
          ref: 'learning:default/homepage-banner-lost',
          title: 'The banner did not sell',
          date: '2026-09-03',
          bet: 'bet:default/homepage-banner',
          incident: null,
          situation: 'We expected a banner to lift checkout completion.',
          complication: 'It pushed the campaign below the fold.',
          resolution: 'We switched it off.',
          lessons: ['Measure the metric the goal names.'],
          authors: ['user:default/bob'],
        },
      ],
    });
  });
});
