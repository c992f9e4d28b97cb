import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DriftNeeds, type DriftWeek } from '../analysis/index.js';
import { createDb, createStore, migrateToLatest, type Store } from '../store/index.js';
import { keepRadiatorDrift, keptRadiatorDrift } from './drift-cache.js';
import { driftReport, radiatorDrift } from './drift-report.js';

/** A week with evidence for the rules: an unwired need, a person in three teams, an idle interaction. */
function week(n: number, weight: number): DriftWeek {
  return {
    week: `2026-W${String(n).padStart(2, '0')}`,
    since: '2026-01-01',
    until: '2026-03-25',
    commits: 10 * n,
    congruence: { weighted: 0.5, unweighted: 0.4 },
    congruenceChange: null,
    unwiredWeight: weight,
    needs: DriftNeeds.of([
      {
        teams: ['group:default/a', 'group:default/b'],
        weight,
        components: ['component:default/x'],
      },
    ]),
    partners: [{ team: 'group:default/a', teams: 1 }],
    crossTeamCoupling: 1,
    ownerShare: 0.8,
    coverage: 0.9,
    teamSizes: [{ team: 'group:default/a', members: 3 }],
    headcount: 3,
    idleInteractions: [{ teams: ['group:default/a', 'group:default/c'], mode: 'x-as-a-service' }],
    queues: [],
    catalogCommit: null,
    multiTeamPeople: [{ user: 'user:default/ana', teams: ['a', 'b', 'c'] }],
  };
}

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgwire-drift-cache-'));
  const db = createDb({ dialect: 'sqlite', file: join(dir, 'orgwire.db') });
  expect((await migrateToLatest(db)).error).toBeUndefined();
  store = createStore(db);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the radiator's drift, kept", () => {
  // Quiet for 12 weeks, then a need between a and b: the emerging-need rule fires on it.
  const series = Array.from({ length: 20 }, (_, i) => week(i + 1, i < 14 ? 0 : 40));
  const report = driftReport(series, 12);

  it('keeps the alerts the weeks raised, without the evidence they were raised from', () => {
    const kept = radiatorDrift(report);
    expect(report.alerts.length).toBeGreaterThan(0);
    expect(kept.alerts).toEqual(report.alerts);
    expect(kept.months).toEqual(report.months);
    for (const [i, w] of kept.series.entries()) {
      expect(w).not.toHaveProperty('needs');
      expect(w).not.toHaveProperty('multiTeamPeople');
      expect(w).not.toHaveProperty('idleInteractions');
      expect(w.partners).toEqual(series[i]?.partners);
    }
  });

  it('gives it back as it was for the stamp it was kept with, and nothing for another', async () => {
    const cache = { key: 'setup-1', stamp: 'commits-1' };
    expect(await keptRadiatorDrift(store, cache)).toBeUndefined();
    await keepRadiatorDrift(store, cache, radiatorDrift(report));
    expect(await keptRadiatorDrift(store, cache)).toEqual(radiatorDrift(report));
    // A new commit moves the stamp; another setup is another key.
    expect(await keptRadiatorDrift(store, { ...cache, stamp: 'commits-2' })).toBeUndefined();
    expect(await keptRadiatorDrift(store, { ...cache, key: 'setup-2' })).toBeUndefined();
  });
});
