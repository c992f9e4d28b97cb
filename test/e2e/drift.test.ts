import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommitSpec, createRepo, type TestRepo } from '../helpers/git-repo.js';
import { type Served, serveCli } from '../helpers/serve.js';

// Drift through the built CLI on a real repository with a planted change: two teams each on
// their own service for 30 weeks, then, from a known week, both on one shared library.

const BIN = resolve('bin/orgwire.js');
const work = realpathSync(mkdtempSync(join(tmpdir(), 'orgwire-drift-')));
let repo: TestRepo;

function orgwire(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CATALOG = ['web', 'pay']
  .map(
    (team, i) => `---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: ${team}}
spec: {type: team, children: [], members: [${['ana', 'ben'][i]}, ${['cy', 'dee'][i]}]}
`,
  )
  .concat(
    ['ana', 'ben', 'cy', 'dee'].map(
      (name) => `---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ${name}}
spec: {memberOf: [], profile: {email: ${name}@acme.example}}
`,
    ),
  )
  .join('');

const MONDAY = Date.parse('2026-01-05T09:00:00Z'); // 2026-W02
const WEEK = 7 * 86_400_000;
/** The week from which both teams change the shared library. */
const PLANTED = 30;

beforeAll(async () => {
  mkdirSync(join(work, 'catalog'));
  writeFileSync(join(work, 'catalog', 'org.yaml'), CATALOG);
  repo = await createRepo();
  const specs: CommitSpec[] = [];
  for (let week = 0; week < PLANTED + 6; week++) {
    for (const [i, person] of ['ana', 'cy', 'ben', 'dee'].entries()) {
      const service = i < 2 ? 'web' : 'pay';
      const shared = week >= PLANTED && (person === 'ana' || person === 'ben');
      specs.push({
        author: { name: person, email: `${person}@acme.example` },
        date: new Date(MONDAY + week * WEEK + i * 3_600_000),
        files: {
          [shared ? `lib/money/v${week}-${person}.ts` : `${service}/w${week}-${person}.ts`]: 'x',
        },
      });
    }
  }
  repo.importCommits(specs);
}, 120_000);
afterAll(async () => {
  await repo?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('orgwire drift', () => {
  it('raises an emerging need between the two teams within 3 weeks of the planted change', () => {
    const result = orgwire([
      'drift',
      '--repo',
      repo.dir,
      '--catalog',
      'catalog',
      '--format',
      'json',
    ]);
    // The catalog folder is no git repository: said once, today's teams stand throughout.
    expect(result.stderr).toBe(
      'The catalog is not in one git repository: today\u2019s teams stand for the whole history.\n',
    );
    const json = JSON.parse(result.stdout);
    expect(json.series.length).toBe(PLANTED + 6);
    expect(json.series[0].week).toBe('2026-W02');
    // Every week rolls up into exactly one month, January 2026 first.
    expect(json.months[0].month).toBe('2026-01');
    expect(json.months.reduce((n: number, m: { weeks: number }) => n + m.weeks, 0)).toBe(
      PLANTED + 6,
    );
    const emerging = json.alerts.filter((a: { rule: string }) => a.rule === 'emerging-need');
    expect(emerging).toHaveLength(1);
    const [alert] = emerging;
    expect(alert.teams.sort()).toEqual(['group:default/pay', 'group:default/web']);
    const startWeek = json.series.findIndex((w: { week: string }) => w.week === alert.start);
    expect(startWeek).toBeGreaterThanOrEqual(PLANTED);
    expect(startWeek).toBeLessThanOrEqual(PLANTED + 3);
    // Still active at the last week: a CI gate fails.
    expect(alert.end).toBeNull();
    expect(result.status).toBe(1);
  });

  it('raises nothing before the change, and exits 0 at a week before it', () => {
    const until = new Date(MONDAY + (PLANTED - 1) * WEEK).toISOString().slice(0, 10);
    const result = orgwire([
      'drift',
      '--repo',
      repo.dir,
      '--catalog',
      'catalog',
      '--until',
      until,
      '--format',
      'json',
    ]);
    const json = JSON.parse(result.stdout);
    expect(json.alerts.filter((a: { level: string }) => a.level === 'alert')).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('shows sparklines, the alert and the backtest in the terminal', () => {
    const result = orgwire(['drift', '--repo', repo.dir, '--catalog', 'catalog', '--backtest']);
    expect(result.stdout).toMatch(/^Drift 2026-W02 to 2026-W\d\d: 36 weeks/);
    expect(result.stdout).toMatch(/unwired need weight\s+\S+\s+[▁▂▃▄▅▆▇█ ]+/);
    expect(result.stdout).toContain('emerging-need');
    expect(result.stdout).toMatch(/emerging-need\s+1/);
    // Everyone is in a team: no coverage warning.
    expect(result.stdout).not.toContain('Coverage');
  });

  it('warns when most of the last weeks\u2019 commits come from people in no team', async () => {
    const strangers = await createRepo();
    try {
      strangers.importCommits(
        Array.from({ length: 6 }, (_, w) => [
          ...['zed', 'yan', 'xi'].map((person, i) => ({
            author: { name: person, email: `${person}@elsewhere.example` },
            date: new Date(MONDAY + w * WEEK + i * 3_600_000),
            files: { [`src/${person}${w}.ts`]: 'x' },
          })),
          {
            author: { name: 'ana', email: 'ana@acme.example' },
            date: new Date(MONDAY + w * WEEK + 4 * 3_600_000),
            files: { [`web/a${w}.ts`]: 'x' },
          },
        ]).flat(),
      );
      const out = orgwire([
        'drift',
        '--repo',
        strangers.dir,
        '--catalog',
        'catalog',
        '--db',
        'strangers.db',
      ]);
      expect(out.stdout).toMatch(/⚠ Coverage 25% at the last week/);
      expect(out.stdout).toContain('orgwire identities');
    } finally {
      await strangers.cleanup();
    }
  });

  it('takes the rules\u2019 settings from orgwire.yaml, and refuses a wrong one at its line', () => {
    writeFileSync(join(work, 'quiet.yaml'), 'drift:\n  rules: {emerging-need: off}\n  weeks: 2\n');
    const quiet = orgwire([
      '--config',
      'quiet.yaml',
      'drift',
      '--repo',
      repo.dir,
      '--catalog',
      'catalog',
      '--format',
      'json',
    ]);
    const json = JSON.parse(quiet.stdout);
    expect(json.weeks).toBe(2);
    expect(json.alerts.filter((a: { rule: string }) => a.rule === 'emerging-need')).toEqual([]);
    writeFileSync(join(work, 'wrong.yaml'), 'drift:\n  minShare: 2\n');
    const wrong = orgwire(['--config', 'wrong.yaml', 'drift', '--repo', repo.dir]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/wrong\.yaml:2/);
    expect(wrong.stderr).toContain('minShare');
  });

  it('refuses --weeks 0 and a missing repository plainly', () => {
    const zero = orgwire(['drift', '--repo', repo.dir, '--weeks', '0']);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain('--weeks');
    const none = orgwire(['drift']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--repo');
    expect(none.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe('orgwire drift keeps its weeks in the store', () => {
  it('answers a re-run as before, and after new commits as a run from an empty store would', async () => {
    const small = await createRepo();
    try {
      const week = (w: number, person: string, path: string): CommitSpec => ({
        author: { name: person, email: `${person}@acme.example` },
        date: new Date(MONDAY + w * WEEK + 3_600_000),
        files: { [path]: `${w}` },
      });
      const early = Array.from({ length: 20 }, (_, w) => [
        week(w, 'ana', `web/a${w}.ts`),
        week(w, 'ben', `pay/b${w}.ts`),
      ]).flat();
      small.importCommits(early);
      const run = (db: string) =>
        orgwire([
          'drift',
          '--repo',
          small.dir,
          '--catalog',
          'catalog',
          '--db',
          db,
          '--format',
          'json',
          '--quiet',
        ]);
      const first = run('kept.db');
      expect(first.status).toBe(0);
      expect(run('kept.db').stdout).toBe(first.stdout);
      // New work: one commit in an old week (a branch merged late) and three new weeks.
      small.importCommits([
        week(5, 'ben', 'web/late.ts'),
        ...[20, 21, 22].flatMap((w) => [
          week(w, 'ana', `lib/m${w}.ts`),
          week(w, 'ben', `lib/n${w}.ts`),
        ]),
      ]);
      const again = run('kept.db');
      const fresh = run('fresh.db');
      expect(again.stdout).toBe(fresh.stdout);
      expect(again.stdout).not.toBe(first.stdout);
      // Read back whole: the weeks kept as they were and those measured again.
      expect(run('kept.db').stdout).toBe(again.stdout);
      expect(JSON.parse(again.stdout).series).toHaveLength(23);
    } finally {
      await small.cleanup();
    }
  });
});

describe('orgwire drift with ownership files as they were', () => {
  it('gives a folder to the team CODEOWNERS named then, and analyze --until says whose it was', async () => {
    const owned = await createRepo();
    try {
      // ana (web) changes lib/ every week; from week 10, CODEOWNERS gives lib/ to pay.
      const codeowners = (team: string) => `/lib/ @acme/${team}\n`;
      const specs: CommitSpec[] = Array.from({ length: 20 }, (_, w) => [
        {
          author: { name: 'ana', email: 'ana@acme.example' },
          date: new Date(MONDAY + w * WEEK + 3_600_000),
          files: { [`lib/a${w}.ts`]: `${w}` },
        },
        ...(w === 0 || w === 10
          ? [
              {
                author: { name: 'ben', email: 'ben@acme.example' },
                date: new Date(MONDAY + w * WEEK + 7_200_000),
                files: { '.github/CODEOWNERS': codeowners(w === 0 ? 'web' : 'pay') },
              },
            ]
          : []),
      ]).flat();
      owned.importCommits(specs);
      const base = ['--repo', owned.dir, '--catalog', 'catalog', '--db', 'owned.db'];
      const out = orgwire(['drift', ...base, '--format', 'json', '--quiet']);
      const series = JSON.parse(out.stdout).series as { week: string; ownerShare: number }[];
      // Week 5: lib/ was web's, and web did all its work. The last week: it is pay's.
      expect(series[5]?.ownerShare).toBe(1);
      expect(series.at(-1)?.ownerShare).toBe(0);
      const until = new Date(MONDAY + 6 * WEEK).toISOString().slice(0, 10);
      const then = orgwire(['analyze', ...base, '--until', until, '--format', 'json']);
      expect(then.status).toBe(0);
      expect(then.stderr).toMatch(
        /Ownership files of .* as they were on \d{4}-\d{2}-\d{2}: [0-9a-f]{7}\./,
      );
      const lib = JSON.parse(then.stdout).ownership.components.find(
        (c: { rule?: { source: string }; owner: string | null; commits: number }) =>
          c.commits > 0 && c.owner !== null,
      );
      expect(lib?.owner).toBe('group:default/web');
      const now = JSON.parse(orgwire(['analyze', ...base, '--format', 'json', '--quiet']).stdout);
      expect(
        now.ownership.components.find(
          (c: { commits: number; owner: string | null }) => c.commits > 0 && c.owner !== null,
        )?.owner,
      ).toBe('group:default/pay');
    } finally {
      await owned.cleanup();
    }
  });
});

describe('the radiator started again', () => {
  /**
   * ana (web) changes lib/ every week; from week 10, CODEOWNERS gives it to pay (as above).
   * pay's ben works on pay/ all along, so the window (the last 90 days) has a need.
   */
  const ownedRepo = async () => {
    const owned = await createRepo();
    const codeowners = (team: string) => `/lib/ @acme/${team}\n/pay/ @acme/pay\n`;
    owned.importCommits(
      Array.from({ length: 20 }, (_, w): CommitSpec[] => [
        {
          author: { name: 'ana', email: 'ana@acme.example' },
          date: new Date(MONDAY + w * WEEK + 3_600_000),
          files: { [`lib/a${w}.ts`]: `${w}`, [`pay/a${w}.ts`]: `${w}` },
        },
        {
          author: { name: 'ben', email: 'ben@acme.example' },
          date: new Date(MONDAY + w * WEEK + 5_400_000),
          files: { [`pay/b${w}.ts`]: `${w}` },
        },
        ...(w === 0 || w === 10
          ? [
              {
                author: { name: 'ben', email: 'ben@acme.example' },
                date: new Date(MONDAY + w * WEEK + 7_200_000),
                files: { '.github/CODEOWNERS': codeowners(w === 0 ? 'web' : 'pay') },
              },
            ]
          : []),
      ]).flat(),
    );
    return owned;
  };

  /** What a served radiator answers on the routes drift and the window feed, `readAt` aside. */
  const answers = async (served: Served) => {
    const get = async (route: string) => {
      const body = (await (await fetch(new URL(route, served.url))).json()) as Record<
        string,
        unknown
      >;
      const { readAt: _, ...read } = body;
      return read;
    };
    return {
      trends: await get('/api/trends'),
      overview: await get('/api/overview'),
      coordination: await get('/api/coordination'),
    };
  };

  it('serves the trends and the wiring its first start measured with ownership files as they were', async () => {
    const owned = await ownedRepo();
    try {
      const args = ['--repo', owned.dir, '--catalog', 'catalog', '--db', 'restart.db', '--quiet'];
      const read = async () => {
        const served = await serveCli(args, work);
        try {
          return await answers(served);
        } finally {
          await served.stop();
        }
      };
      const first = await read();
      // The first start read the ownership files' past: in week 5 lib/ was web's, so two of
      // its three changes were by their owners (ana's to lib/, ben's to pay/); in the last
      // week, by today's files, one.
      const series = first.trends.series as { week: string; ownerShare: number | null }[];
      expect(series[5]?.ownerShare).toBeCloseTo(2 / 3, 2);
      expect(series.at(-1)?.ownerShare).toBeCloseTo(1 / 3, 2);
      // The restart reads what was kept, and the window alone: the same answers.
      expect(await read()).toEqual(first);
    } finally {
      await owned.cleanup();
    }
  });

  it('serves the window first with --history later, then what a first start measuring it all serves', async () => {
    const owned = await ownedRepo();
    try {
      const args = (db: string, when: string) => [
        ...['--repo', owned.dir, '--catalog', 'catalog', '--db', db, '--history', when],
      ];
      const whole = await serveCli(args('history-first.db', 'first'), work);
      let measured: Awaited<ReturnType<typeof answers>>;
      try {
        measured = await answers(whole);
      } finally {
        await whole.stop();
      }
      expect((measured.trends.series as unknown[]).length).toBeGreaterThan(10);

      const served = await serveCli(args('history-later.db', 'later'), work);
      try {
        // Served at once: the window's figures, the history said to be measured.
        const early = await answers(served);
        expect(early.coordination).toEqual(measured.coordination);
        expect(early.trends).toMatchObject({ measuring: true, series: [], alerts: [] });
        expect(early.overview.drift).toMatchObject({ measuring: true, lastWeek: null });
        expect(early.overview.trend).toHaveLength(1);
        // A refresh that began at once measures the history, and then it is all there.
        let now = early;
        for (let tries = 0; now.trends.measuring && tries < 600; tries++) {
          await new Promise((done) => setTimeout(done, 100));
          now = await answers(served);
        }
        expect(now).toEqual(measured);
        expect(served.stderr()).toMatch(/measuring the history week by week in the background/);
        expect(served.stderr()).toMatch(/The history is measured/);
      } finally {
        await served.stop();
      }
    } finally {
      await owned.cleanup();
    }
  });
});

describe('orgwire drift on the demo', () => {
  it('sees platform and billing-integration coupled within 3 weeks of the checkbox bet, naming it', () => {
    const out = orgwire(['drift', '--demo', '--format', 'json']);
    expect(out.stderr).toBe('');
    // Alerts are active at the last week: the gate fails.
    expect(out.status).toBe(1);
    const json = JSON.parse(out.stdout) as {
      alerts: {
        rule: string;
        start: string;
        end: string | null;
        teams: string[];
        bets: string[];
      }[];
    };
    // unified-customer-id's work starts on 2026-09-18, in 2026-W38.
    const coupled = json.alerts.filter(
      (a) =>
        a.rule === 'emerging-need' &&
        a.teams.join() === 'group:default/billing-integration,group:default/platform',
    );
    expect(coupled).toHaveLength(1);
    const [alert] = coupled as [(typeof coupled)[number]];
    expect(alert.start >= '2026-W38' && alert.start <= '2026-W41').toBe(true);
    expect(alert.end).toBeNull();
    expect(alert.bets).toContain('bet:default/unified-customer-id');
  });
});

describe('orgwire drift with the catalog as it was', () => {
  // The catalog lives in the repository. Ana (web) and Cy change one shared library every
  // week; in week 20 the catalog moves Cy from web to pay. Until then Ana and Cy are one
  // team and need no coordination; from then on web and pay must coordinate on it.
  const org = (cyIn: 'web' | 'pay') => `---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web}
spec: {type: team, children: [], members: [ana${cyIn === 'web' ? ', cy' : ''}]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: pay}
spec: {type: team, children: [], members: [ben${cyIn === 'pay' ? ', cy' : ''}]}
${['ana', 'ben', 'cy']
  .map(
    (name) => `---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ${name}}
spec: {memberOf: [], profile: {email: ${name}@acme.example}}
`,
  )
  .join('')}`;
  const MOVE = 20;
  let moved: TestRepo;

  beforeAll(async () => {
    moved = await createRepo();
    const specs: CommitSpec[] = [];
    for (let week = 0; week < MOVE + 8; week++) {
      const monday = MONDAY + week * WEEK;
      if (week === 0 || week === MOVE) {
        specs.push({
          author: { name: 'ops', email: 'ops@acme.example' },
          date: new Date(monday),
          files: { 'catalog/org.yaml': org(week === 0 ? 'web' : 'pay') },
        });
      }
      for (const [i, person] of ['ana', 'cy', 'ben'].entries()) {
        specs.push({
          author: { name: person, email: `${person}@acme.example` },
          date: new Date(monday + (i + 1) * 3_600_000),
          files: {
            [person === 'ben' ? `pay/w${week}.ts` : `lib/shared/w${week}-${person}.ts`]: 'x',
          },
        });
      }
    }
    moved.importCommits(specs);
  }, 120_000);
  afterAll(async () => {
    await moved?.cleanup();
  });

  it('credits each week to the teams of its catalog version, and finds the need when it began', () => {
    const result = orgwire([
      'drift',
      '--repo',
      moved.dir,
      '--catalog',
      join(moved.dir, 'catalog'),
      '--format',
      'json',
    ]);
    expect(result.stderr).toContain('Catalog as it was: 2 versions');
    const json = JSON.parse(result.stdout);
    const sizes = (i: number) =>
      Object.fromEntries(
        json.series[i].teamSizes.map((t: { team: string; members: number }) => [t.team, t.members]),
      );
    expect(sizes(MOVE - 1)).toEqual({ 'group:default/web': 2, 'group:default/pay': 1 });
    expect(sizes(MOVE)).toEqual({ 'group:default/web': 1, 'group:default/pay': 2 });
    expect(json.series[MOVE - 1].catalogCommit).not.toBe(json.series[MOVE].catalogCommit);
    // Before the move Ana and Cy are one team: no need on the library.
    expect(json.series[MOVE - 1].needs).toEqual([]);
    const emerging = json.alerts.filter((a: { rule: string }) => a.rule === 'emerging-need');
    expect(emerging.map((a: { teams: string[] }) => [...a.teams].sort())).toEqual([
      ['group:default/pay', 'group:default/web'],
    ]);
    const start = json.series.findIndex((w: { week: string }) => w.week === emerging[0].start);
    expect(start).toBeGreaterThanOrEqual(MOVE);
    expect(start).toBeLessThanOrEqual(MOVE + 3);
  });

  it('analyses a past window with the catalog as it was at its end, and today\u2019s after', () => {
    const before = new Date(MONDAY + (MOVE - 2) * WEEK).toISOString().slice(0, 10);
    const catalog = join(moved.dir, 'catalog');
    const past = orgwire([
      'analyze',
      '--repo',
      moved.dir,
      '--catalog',
      catalog,
      '--until',
      before,
      '--format',
      'json',
    ]);
    expect(past.stderr).toMatch(new RegExp(`Catalog as it was on ${before}: [0-9a-f]{7} in `));
    const members = (json: { teams: { ref: string; members: string[] }[] }) =>
      Object.fromEntries(json.teams.map((t) => [t.ref, t.members.length]));
    expect(members(JSON.parse(past.stdout))).toEqual({
      'group:default/web': 2,
      'group:default/pay': 1,
    });
    const now = orgwire(['analyze', '--repo', moved.dir, '--catalog', catalog, '--format', 'json']);
    expect(now.stderr).not.toContain('Catalog as it was');
    expect(members(JSON.parse(now.stdout))).toEqual({
      'group:default/web': 1,
      'group:default/pay': 2,
    });
  });

  it('with today\u2019s catalog for the whole history, sees the need as always there: no alert', () => {
    const outside = join(work, 'today-catalog');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'org.yaml'), org('pay'));
    const result = orgwire([
      'drift',
      '--repo',
      moved.dir,
      '--catalog',
      outside,
      '--format',
      'json',
    ]);
    expect(result.stderr).toContain('not in one git repository');
    const json = JSON.parse(result.stdout);
    expect(json.alerts.filter((a: { rule: string }) => a.rule === 'emerging-need')).toEqual([]);
  });
});
