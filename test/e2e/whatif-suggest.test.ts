import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRepo } from '../helpers/git-repo.js';
import { plantScrambledOrg } from '../helpers/scrambled-org.js';

// `whatif --suggest` through the built CLI, on generated organisations whose true teams are
// hidden by a scrambled catalog: each team's people change their own team's components (a
// tenth of their commits stray into another team's), but the catalog puts everyone in a team
// at random. The suggestion must find the true teams again and cut unwired coordination on
// the period it was not fitted on.

const BIN = resolve('bin/orgwire.js');
const work = realpathSync(mkdtempSync(join(tmpdir(), 'orgwire-suggest-')));
const repos: TestRepo[] = [];
const SEEDS = [1, 2, 3];
/** Each seed's true team of each person (user name → team index). */
const truths = new Map<number, Map<string, number>>();

function orgwire(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TEAMS = ['atlas', 'boreal', 'cirrus', 'delta', 'ember'];

/** Writes seed's catalog (scrambled memberships) and history; returns the repository. */
async function plant(seed: number): Promise<TestRepo> {
  const { repo, truth } = await plantScrambledOrg(join(work, `org-${seed}`), {
    seed,
    teams: TEAMS.slice(0, 4 + (seed % 2)),
    size: (random) => 3 + Math.floor(random() * 4),
  });
  truths.set(seed, truth);
  return repo;
}

/** The adjusted Rand index of two labellings of the same items (Hubert & Arabie 1985). */
function adjustedRandIndex(a: readonly string[], b: readonly string[]): number {
  const pairs = (x: number) => (x * (x - 1)) / 2;
  const sum = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m.values()].reduce((s, c) => s + pairs(c), 0);
  };
  const joint = sum(a.map((x, i) => `${x}\u0000${b[i]}`));
  const [sa, sb] = [sum([...a]), sum([...b])];
  const expected = (sa * sb) / pairs(a.length);
  return (joint - expected) / ((sa + sb) / 2 - expected);
}

beforeAll(async () => {
  for (const seed of SEEDS) repos.push(await plant(seed));
}, 180_000);
afterAll(async () => {
  for (const repo of repos) await repo.cleanup();
  rmSync(work, { recursive: true, force: true });
});

const suggest = (i: number, ...more: string[]) =>
  orgwire([
    'whatif',
    '--suggest',
    '--repo',
    (repos[i] as TestRepo).dir,
    '--catalog',
    `org-${SEEDS[i]}/catalog`,
    '--db',
    `store-${SEEDS[i]}.db`,
    '--window',
    '120d',
    '--quiet',
    ...more,
  ]);

describe('orgwire whatif --suggest', () => {
  it('finds the true teams behind a scrambled catalog, and cuts unwired coordination later', () => {
    const scores: string[] = [];
    SEEDS.forEach((seed, i) => {
      const out = suggest(i, '--format', 'json');
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      const json = JSON.parse(out.stdout);
      expect(json.unwired.after).toBeLessThan(json.unwired.before);
      const found = new Map<string, string>();
      for (const team of json.suggested.teams as { name: string; members: string[] }[])
        for (const m of team.members) found.set(m.replace('user:default/', ''), team.name);
      const truth = truths.get(seed) as Map<string, number>;
      const people = [...truth.keys()];
      const ari = adjustedRandIndex(
        people.map((p) => String(truth.get(p))),
        people.map((p) => found.get(p) ?? `alone:${p}`),
      );
      scores.push(
        `seed ${seed}: ${ari.toFixed(3)} (unwired ${json.unwired.before} → ${json.unwired.after})`,
      );
      expect(ari, scores.join('; ')).toBeGreaterThanOrEqual(0.9);
    });
    console.info(`whatif --suggest behind a scrambled catalog — ${scores.join('; ')}`);
  });

  it('writes a scenario that whatif reads, giving the after the suggestion was judged by', () => {
    const judged = JSON.parse(suggest(0, '--format', 'json').stdout);
    const out = suggest(0, '--write', 'suggested.yaml');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Scenario written to suggested.yaml');
    const tried = orgwire([
      'whatif',
      'suggested.yaml',
      '--repo',
      (repos[0] as TestRepo).dir,
      '--catalog',
      'org-1/catalog',
      '--db',
      'store-1.db',
      '--since',
      judged.checked.since,
      '--until',
      judged.checked.until,
      '--format',
      'json',
    ]);
    expect(tried.stderr).toBe('');
    expect(tried.status).toBe(0);
    const unwired = (report: { coordination: { needs: { wired: boolean; weight: number }[] } }) =>
      Math.round(
        report.coordination.needs.filter((n) => !n.wired).reduce((s, n) => s + n.weight, 0) * 1000,
      ) / 1000;
    const json = JSON.parse(tried.stdout);
    expect(unwired(json.before)).toBe(judged.unwired.before);
    expect(unwired(json.after)).toBe(judged.unwired.after);
  });

  it('refuses wrong flags with exit 2 and a way out, writing nothing', () => {
    const cases: [string[], RegExp][] = [
      [['--max-team-size', '0'], /--max-team-size must be a whole number of 1 or more/],
      [['--pin', 'nowhere=atlas'], /--pin nowhere=atlas: no component nowhere in the catalog/],
      [['--pin', 'atlas-1'], /--pin atlas-1: not COMPONENT=TEAM\./],
      [['--pin', 'atlas-1=atlas=x'], /--pin atlas-1=atlas=x: not COMPONENT=TEAM\./],
      [['--pin', 'atlas-1=nobody'], /--pin atlas-1=nobody: no team nobody in the catalog/],
    ];
    for (const [flags, message] of cases) {
      const out = suggest(0, ...flags, '--write', 'never.yaml');
      expect(out.status).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    }
    const both = orgwire(['whatif', 'suggested.yaml', '--suggest', '--demo']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('not both');
    const none = orgwire(['whatif', '--demo']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Name a scenario file, or pass --suggest');
    expect(() => readFileSync(join(work, 'never.yaml'))).toThrow();
    // --write with nothing to keep says so, and writes nothing.
    const nothing = orgwire(['whatif', '--suggest', '--demo', '--write', 'never.yaml']);
    expect(nothing.status).toBe(0);
    expect(nothing.stdout).toContain('there is no suggestion');
    expect(nothing.stdout).toContain('Nothing was written to never.yaml');
    expect(() => readFileSync(join(work, 'never.yaml'))).toThrow();
  });
});
