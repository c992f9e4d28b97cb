import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDemoRepo,
  DEMO_CATALOG,
  DEMO_CONFIG,
  DEMO_END_DATE,
  DEMO_REQUESTS,
} from '../demo/index.js';
import { readCatalogFiles, readRequestFile } from '../ingest/index.js';
import {
  applyScenario,
  type Catalog,
  loadCatalog,
  parseConfig,
  type RequestRecord,
  requestsTo,
  type ScenarioChange,
  scenarioRequests,
} from '../model/index.js';
import { INTERACTION_MODES } from '../model/schemas.js';
import { createDb, createStore, migrateToLatest, type Store } from '../store/index.js';
import { buildReport, type ReportOptions, type ReportSource } from './build-report.js';
import { ingestRepositories } from './ingest-repositories.js';
import { createWhatIf } from './what-if.js';

// The demo organisation (catalog components, CODEOWNERS by GitHub team slug, folders nobody
// owns, requests, bets) with scenarios of every kind: the what-if decides the kept work
// again under the scenario's catalog (`rewireWork`), and that must be exactly what a whole
// new analysis of that catalog says: what `orgwire analyze` says of it edited by hand.
let dir: string;
let store: Store;
let catalog: Catalog;
let requests: RequestRecord[];
let shop: ReportSource;
let options: ReportOptions;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgwire-what-if-usecase-'));
  const repo = join(dir, 'shop');
  await mkdir(repo);
  await buildDemoRepo(repo);
  catalog = loadCatalog(await readCatalogFiles(DEMO_CATALOG)).catalog;
  const db = createDb({ dialect: 'sqlite', file: join(dir, 'orgwire.db') });
  await migrateToLatest(db);
  store = createStore(db);
  const [ingested] = await ingestRepositories(store, [repo], {});
  requests = (await readRequestFile(DEMO_REQUESTS, { catalog, shownAs: 'requests.csv' })).requests;
  const { config } = parseConfig(await readFile(DEMO_CONFIG, 'utf8'), 'orgwire.yaml');
  shop = {
    dir: repo,
    absolute: repo,
    label: 'shop',
    repositoryId: ingested?.repositoryId ?? 0,
    shownAs: 'shop',
  };
  options = {
    today: DEMO_END_DATE,
    requests,
    ignore: (config.ignore ?? []).map((pattern) => ({ pattern, source: 'orgwire.yaml' })),
  };
}, 120_000);
afterAll(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('createWhatIf', () => {
  it('gives as `after` what a new analysis of the scenario’s catalog gives, for every kind of change', async () => {
    const teams = catalog.groups.filter((g) => g.type === 'team').map((g) => g.name);
    const users = catalog.users.map((u) => u.name);
    const components = catalog.components.map((c) => c.name);
    const team = fc.constantFrom(...teams);
    const change: fc.Arbitrary<ScenarioChange> = fc.oneof(
      fc
        .record({ user: fc.constantFrom(...users), to: team })
        .map((movePerson) => ({ movePerson })),
      fc
        .record({ component: fc.constantFrom(...components), to: team })
        .map((moveComponent) => ({ moveComponent })),
      fc.tuple(team, team).map(([a, into]) => ({ mergeTeams: { teams: [a], into } })),
      fc.tuple(team, team).map(([t, into]) => ({ dissolveTeam: { team: t, into } })),
      fc
        .subarray(users, { minLength: 1, maxLength: 3 })
        .map((members) => ({ createTeam: { name: 'new-team', members, components: [] } })),
      fc
        .tuple(team, fc.subarray(teams, { minLength: 1, maxLength: 3 }))
        .map(([provider, into]) => ({ embed: { provider, into } })),
      fc.constantFrom(...users).map((user) => ({ leave: { user } })),
      fc
        .tuple(team, team, fc.constantFrom(...INTERACTION_MODES))
        .map(([a, b, mode]) => ({ interaction: { between: [a, b] as [string, string], mode } })),
    );
    const whatIf = createWhatIf(store, catalog, [shop], options);
    expect(await whatIf.before()).toEqual(await buildReport(store, catalog, [shop], options));
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
        const scenario = {
          name: 's',
          changes: changes.map((c, i) => ({
            change: c,
            at: { file: 's.yaml', line: i + 1, column: 1 },
          })),
        };
        const outcome = await whatIf.run(scenario);
        if ('problems' in outcome) return; // e.g. a team merged into itself: refused, as by hand
        tried++;
        // The catalog edited by hand the same way, its requests re-addressed, analysed anew.
        const applied = applyScenario(catalog, scenario, { requestsTo: requestsTo(requests) });
        const anew = await buildReport(store, applied.catalog, [shop], {
          ...options,
          requests: scenarioRequests(requests, applied.renamed, applied.embedded),
        });
        expect(outcome.result.after).toEqual(anew);
      }),
      { numRuns: 25, seed: 14 },
    );
    expect(tried).toBeGreaterThan(10);
  }, 300_000);

  it('gives back `before` when a scenario is followed by its inverse', async () => {
    const teams = catalog.groups.filter((g) => g.type === 'team').map((g) => g.name);
    const users = catalog.users.map((u) => u.name);
    const components = catalog.components.map((c) => c.name);
    const whatIf = createWhatIf(store, catalog, [shop], options);
    const before = await whatIf.before();
    const name = (ref: string) => ref.split('/')[1] as string;
    // A change that can be undone, as picks; its inverse is worked out on the catalog it meets.
    const pick = fc.oneof(
      fc.record({
        kind: fc.constant('movePerson'),
        user: fc.constantFrom(...users),
        to: fc.constantFrom(...teams),
      }),
      fc.record({
        kind: fc.constant('moveComponent'),
        component: fc.constantFrom(...components),
        to: fc.constantFrom(...teams),
      }),
      fc.record({
        kind: fc.constant('interaction'),
        a: fc.constantFrom(...teams),
        b: fc.constantFrom(...teams),
        mode: fc.constantFrom(...INTERACTION_MODES),
      }),
      fc.record({
        kind: fc.constant('createTeam'),
        members: fc.subarray(users, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('leave'), user: fc.constantFrom(...users) }),
    );
    type Pick = typeof pick extends fc.Arbitrary<infer T> ? T : never;
    /** The change and its inverse on `c`, or none when the pick cannot be undone there. */
    const undoable = (
      c: Catalog,
      p: Pick,
      n: number,
    ): [ScenarioChange, ScenarioChange[]] | undefined => {
      const group = (t: string) => c.groups.find((g) => g.name === t);
      if (p.kind === 'movePerson') {
        const user = c.users.find((u) => u.name === p.user);
        const from = user?.memberOf.map(name).find((t) => teams.includes(t));
        if (!from || user?.memberOf.map(name).includes(p.to)) return undefined;
        return [
          { movePerson: { user: p.user, from, to: p.to } },
          [{ movePerson: { user: p.user, from: p.to, to: from } }],
        ];
      }
      if (p.kind === 'moveComponent') {
        const owner = c.components.find((x) => x.name === p.component)?.owner;
        return owner
          ? [
              { moveComponent: { component: p.component, to: p.to } },
              [{ moveComponent: { component: p.component, to: name(owner) } }],
            ]
          : undefined;
      }
      if (p.kind === 'interaction') {
        const [a, b] = [group(p.a), group(p.b)];
        if (
          !a ||
          !b ||
          a === b ||
          a.interactions.some((i) => i.with === b.ref) ||
          b.interactions.some((i) => i.with === a.ref)
        )
          return undefined;
        return [
          { interaction: { between: [p.a, p.b], mode: p.mode } },
          [{ removeInteraction: { between: [p.a, p.b] } }],
        ];
      }
      if (p.kind === 'createTeam') {
        const team = `new-team-${n}`;
        return [
          { createTeam: { name: team, members: p.members, components: [] } },
          [{ dissolveTeam: { team } }],
        ];
      }
      const user = c.users.find((u) => u.name === p.user);
      const was = user?.memberOf.map(name) ?? [];
      if (was.length === 0) return undefined;
      return [{ leave: { user: p.user } }, was.map((to) => ({ movePerson: { user: p.user, to } }))];
    };
    const at = (i: number) => ({ file: 's.yaml', line: i + 1, column: 1 });
    let undone = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(pick, { minLength: 1, maxLength: 4 }), async (picks) => {
        let c = catalog;
        const changes: ScenarioChange[] = [];
        const inverses: ScenarioChange[][] = [];
        for (const p of picks) {
          const found = undoable(c, p, changes.length);
          if (!found) continue;
          const next = applyScenario(c, {
            name: 'step',
            changes: [{ change: found[0], at: at(0) }],
          });
          if (next.problems.length > 0) continue;
          c = next.catalog;
          changes.push(found[0]);
          inverses.unshift(found[1]);
        }
        if (changes.length === 0) return;
        const all = [...changes, ...inverses.flat()];
        const outcome = await whatIf.run({
          name: 'there-and-back',
          changes: all.map((change, i) => ({ change, at: at(i) })),
        });
        if ('problems' in outcome)
          throw new Error(`${JSON.stringify(all)}: ${outcome.problems[0]?.message}`);
        undone++;
        expect(outcome.result.after).toEqual(before);
        expect(outcome.result.changes).toMatchObject({
          resolved: [],
          created: [],
          changed: [],
          teams: [],
          bets: [],
          queues: [],
        });
      }),
      { numRuns: 25, seed: 41 },
    );
    expect(undone).toBeGreaterThan(15);
  }, 300_000);

  it('does not keep a failed read: the next request reads again', async () => {
    const source = { ...shop, absolute: join(dir, 'no-such-repository') };
    const whatIf = createWhatIf(store, catalog, [source], options);
    await expect(whatIf.before()).rejects.toThrow();
    source.absolute = shop.absolute; // the repository is back
    expect(await whatIf.before()).toEqual(await buildReport(store, catalog, [shop], options));
  });
});
