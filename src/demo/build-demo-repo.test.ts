import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  type Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import picomatch from 'picomatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildDemoRepo } from './build-demo-repo.js';
import { DEMO_CODEOWNERS, DEMO_MAILMAP, demoHistory } from './demo-history.js';

const run = promisify(execFile);
const CATALOG_DIR = fileURLToPath(new URL('../../examples/demo/catalog/', import.meta.url));
const WINDOW_START = Date.parse('2026-08-01T00:00:00Z');
const LAST_SIX_WEEKS = Date.parse('2026-09-18T00:00:00Z');
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull };

interface Logged {
  hash: string;
  at: number;
  name: string;
  /** The author e-mail as committed. */
  rawEmail: string;
  /** The author e-mail after .mailmap. */
  email: string;
  subject: string;
  coAuthors: string[];
  files: string[];
}

async function gitIn(dir: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-C', dir, ...args], {
    env: GIT_ENV,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

async function readLog(dir: string): Promise<Logged[]> {
  const format =
    '%x1e%H%x1f%at%x1f%an%x1f%ae%x1f%aE%x1f%s%x1f' +
    '%(trailers:key=Co-authored-by,valueonly,separator=%x1d)%x1f';
  const out = await gitIn(dir, ['log', '--reverse', `--format=${format}`, '--name-only']);
  return out
    .split('\x1e')
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const [
        hash = '',
        at = '',
        name = '',
        rawEmail = '',
        email = '',
        subject = '',
        co = '',
        rest = '',
      ] = record.split('\x1f');
      return {
        hash,
        at: Number(at) * 1000,
        name,
        rawEmail,
        email,
        subject,
        coAuthors: co.split('\x1d').filter((c) => c !== ''),
        files: rest.split('\n').filter((f) => f !== ''),
      };
    });
}

async function loadCatalog(): Promise<Entity[]> {
  const entities: Entity[] = [];
  for (const file of (await readdir(CATALOG_DIR)).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of parseAllDocuments(await readFile(join(CATALOG_DIR, file), 'utf8'))) {
      expect(doc.errors, file).toEqual([]);
      entities.push(doc.toJS() as Entity);
    }
  }
  return entities;
}

/** `group:default/x`, `default/x` and `x` all name x: the demo uses only the default namespace. */
const refName = (ref: string): string => ref.replace(/^[a-z]+:/i, '').replace(/^default\//, '');
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((v) => refName(String(v))) : [];
const spec = (e: Entity): Record<string, unknown> => (e.spec ?? {}) as Record<string, unknown>;
const annotation = (e: Entity, key: string): string | undefined => e.metadata.annotations?.[key];
const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

describe('buildDemoRepo', () => {
  let tmp = '';
  let repo = '';
  let built = { commits: 0 };
  let log: Logged[] = [];
  let catalog: Entity[] = [];
  const teamsOfEmail = new Map<string, string[]>();
  const componentGlobs: [string, string, picomatch.Matcher][] = [];

  /** The catalog teams of a git identity, by orgwire's matching rules; undefined if no User. */
  const teamsOf = (email: string): string[] | undefined => {
    const lower = email.toLowerCase();
    const noreply = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(lower);
    return (
      teamsOfEmail.get(lower) ?? (noreply ? teamsOfEmail.get(`login:${noreply[1]}`) : undefined)
    );
  };
  const trailerEmail = (trailer: string): string => /<([^>]+)>/.exec(trailer)?.[1] ?? '';
  /** Teams credited with a commit: the author's and every co-author's. */
  const commitTeams = (c: Logged): Set<string> =>
    new Set([c.email, ...c.coAuthors.map(trailerEmail)].flatMap((e) => teamsOf(e) ?? []));
  const componentOf = (path: string): string | undefined =>
    componentGlobs.find(([, , isMatch]) => isMatch(path))?.[0];
  const touches = (c: Logged, component: string): boolean =>
    c.files.some((f) => componentOf(f) === component);
  const isBot = (c: Logged): boolean => c.name.endsWith('[bot]');
  const recent = (): Logged[] => log.filter((c) => c.at >= WINDOW_START && !isBot(c));
  const teamsChanging = (component: string): Set<string> =>
    new Set(
      recent()
        .filter((c) => touches(c, component))
        .flatMap((c) => [...commitTeams(c)]),
    );
  const groups = (): Entity[] => catalog.filter((e) => e.kind === 'Group');

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'orgwire-demo-'));
    repo = join(tmp, 'shop');
    built = await buildDemoRepo(repo);
    log = await readLog(repo);
    catalog = await loadCatalog();
    for (const user of catalog.filter((e) => e.kind === 'User')) {
      const teams = strings(spec(user).memberOf);
      const profile = (spec(user).profile ?? {}) as { email?: string };
      const emails = [profile.email ?? '', ...list(annotation(user, 'orgwire.dev/emails'))];
      for (const e of emails) teamsOfEmail.set(e.toLowerCase(), teams);
      const login = annotation(user, 'github.com/user-login');
      if (login) teamsOfEmail.set(`login:${login.toLowerCase()}`, teams);
    }
    for (const c of catalog.filter((e) => e.kind === 'Component')) {
      for (const glob of list(annotation(c, 'orgwire.dev/paths'))) {
        // A glob naming a folder covers everything under it.
        const g = glob.replace(/^[^:/]+:/, '').replace(/\/+$/, '');
        componentGlobs.push([c.metadata.name, g, picomatch([g, `${g}/**`])]);
      }
    }
  }, 60_000);

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('writes 1,200 to 1,800 commits with increasing dates from 2026-05-01 to 2026-10-30', () => {
    expect(log).toHaveLength(built.commits);
    expect(built.commits).toBeGreaterThanOrEqual(1200);
    expect(built.commits).toBeLessThanOrEqual(1800);
    expect(new Date(log[0]?.at ?? 0).toISOString().slice(0, 10)).toBe('2026-05-01');
    expect(new Date(log.at(-1)?.at ?? 0).toISOString().slice(0, 10)).toBe('2026-10-30');
    expect(log.every((c, i) => i === 0 || c.at > (log[i - 1]?.at ?? 0))).toBe(true);
  });

  it('keeps ordinary commits small and on weekdays', () => {
    const later = log.slice(1).filter((c) => !isBot(c));
    expect(later.every((c) => c.files.length >= 1 && c.files.length <= 4)).toBe(true);
    expect(log.every((c) => ![0, 6].includes(new Date(c.at).getUTCDay()))).toBe(true);
  });

  it('checks out main with the exported .mailmap and CODEOWNERS, work tree clean', async () => {
    expect(await readFile(join(repo, '.mailmap'), 'utf8')).toBe(DEMO_MAILMAP);
    expect(await readFile(join(repo, '.github/CODEOWNERS'), 'utf8')).toBe(DEMO_CODEOWNERS);
    expect((await gitIn(repo, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim()).toBe('main');
    expect(await gitIn(repo, ['status', '--porcelain'])).toBe('');
  });

  it('refuses a folder that is not empty', async () => {
    const busy = join(tmp, 'busy');
    await mkdir(busy);
    await writeFile(join(busy, 'note.txt'), 'taken');
    await expect(buildDemoRepo(busy)).rejects.toThrow(/not empty/);
  });

  it('builds the same commits every time', async () => {
    const again = join(tmp, 'again');
    await buildDemoRepo(again);
    const head = (dir: string) => gitIn(dir, ['rev-parse', 'HEAD']);
    expect(await head(again)).toBe(await head(repo));
    expect(demoHistory()).toEqual(demoHistory());
  }, 60_000);

  it('matches every human author to a catalog user except the contractor', () => {
    const people = [
      ...log.filter((c) => !isBot(c)).map((c) => c.email),
      ...log.flatMap((c) => c.coAuthors.map(trailerEmail)),
    ];
    const unmatched = new Set(people.filter((e) => teamsOf(e) === undefined));
    expect([...unmatched]).toEqual(['dana@freelance-devs.io']);
  });

  it('resolves the laptop alias only through .mailmap', () => {
    const tomas = log.filter((c) => c.rawEmail === 'tomas@toms-mbp.local');
    expect(tomas.length).toBeGreaterThan(20);
    expect(tomas.every((c) => c.email === 'tomas.herrera@trailhead.example')).toBe(true);
    expect(teamsOfEmail.has('tomas@toms-mbp.local')).toBe(false);
    expect(DEMO_MAILMAP).toContain('<tomas.herrera@trailhead.example> <tomas@toms-mbp.local>');
  });

  it('uses an extra work e-mail, a GitHub no-reply address and an upper-case e-mail', () => {
    const emails = new Set(log.map((c) => c.rawEmail));
    expect(emails).toContain('priya@trailhead-analytics.example');
    expect(emails).toContain('priya.raman@trailhead.example');
    expect(emails).toContain('12345+kofimensah@users.noreply.github.com');
    expect(emails).toContain('Sam.Whitfield@Trailhead.example');
    expect(teamsOf('12345+kofimensah@users.noreply.github.com')).toEqual(['mobile-app']);
    expect(teamsOf('Sam.Whitfield@Trailhead.example')).toEqual(['stores']);
  });

  it('has mobile-app and web-storefront both changing checkout-api with no interaction', () => {
    const commits = recent().filter((c) => touches(c, 'checkout-api'));
    const by = (team: string) => commits.filter((c) => commitTeams(c).has(team)).length;
    expect(by('mobile-app')).toBeGreaterThanOrEqual(30);
    expect(by('web-storefront')).toBeGreaterThanOrEqual(30);
    const shared = recent().filter((c) => touches(c, 'customer-profile'));
    expect(shared.filter((c) => commitTeams(c).has('stores')).length).toBeGreaterThanOrEqual(20);
    expect(shared.filter((c) => commitTeams(c).has('call-centre')).length).toBeGreaterThan(20);
    const declared = groups().flatMap((g) =>
      ((spec(g).interactions ?? []) as { with: string }[]).map((i) =>
        [g.metadata.name, refName(i.with)].sort().join('+'),
      ),
    );
    expect(declared).not.toContain('mobile-app+web-storefront');
    expect(declared).not.toContain('call-centre+stores');
    expect(declared).toContain('data+web-storefront');
  });

  it('has product-catalog changed by exactly five teams in the last 90 days', () => {
    expect([...teamsChanging('product-catalog')].sort()).toEqual([
      'data',
      'mobile-app',
      'platform',
      'stores',
      'web-storefront',
    ]);
  });

  it('has pricing-engine and pricing-sync change together in at least 80% of their commits', () => {
    const all = log.filter((c) => c.at >= WINDOW_START);
    const engine = all.filter((c) => touches(c, 'pricing-engine'));
    const sync = all.filter((c) => touches(c, 'pricing-sync'));
    const both = engine.filter((c) => touches(c, 'pricing-sync'));
    expect(engine.length).toBeGreaterThan(20);
    expect(both.length / engine.length).toBeGreaterThanOrEqual(0.8);
    expect(both.length / sync.length).toBeGreaterThanOrEqual(0.8);
    const owners = new Set(both.flatMap((c) => [...commitTeams(c)]));
    expect([...owners]).toEqual(['stores']);
  });

  it('has about 30 commits by a contractor who is no catalog user', () => {
    const dana = log.filter((c) => c.rawEmail === 'dana@freelance-devs.io');
    expect(dana.length).toBeGreaterThanOrEqual(25);
    expect(dana.length).toBeLessThanOrEqual(35);
    expect(dana.every((c) => c.name === 'Dana Okafor')).toBe(true);
  });

  it('has about 40 dependabot commits that change only package manifests', () => {
    const bot = log.filter(
      (c) => c.rawEmail === '49699333+dependabot[bot]@users.noreply.github.com',
    );
    expect(bot.length).toBeGreaterThanOrEqual(35);
    expect(bot.length).toBeLessThanOrEqual(45);
    expect(bot.every((c) => c.name === 'dependabot[bot]')).toBe(true);
    const files = bot.flatMap((c) => c.files);
    expect(files.every((f) => /(^|\/)(package\.json|requirements\.txt)$/.test(f))).toBe(true);
    expect(new Set(files.map(componentOf)).size).toBeGreaterThanOrEqual(8);
  });

  it('has Co-authored-by trailers, some pairing people from different teams', () => {
    const paired = log.filter((c) => c.coAuthors.length > 0);
    expect(paired.length).toBeGreaterThan(50);
    const crossTeam = paired.filter((c) => {
      const own = teamsOf(c.email) ?? [];
      return c.coAuthors.some(
        (t) => !(teamsOf(trailerEmail(t)) ?? []).some((x) => own.includes(x)),
      );
    });
    expect(crossTeam.length).toBeGreaterThan(20);
  });

  it('has the unified-customer-id initiative touch seven teams in the last six weeks', () => {
    const initiative = log.filter((c) => c.subject.startsWith('unified-customer-id:'));
    expect(initiative.length).toBeGreaterThanOrEqual(50);
    expect(initiative.every((c) => c.at >= LAST_SIX_WEEKS)).toBe(true);
    const teams = new Set(initiative.flatMap((c) => [...commitTeams(c)]));
    expect([...teams].sort()).toEqual([
      'billing-integration',
      'call-centre',
      'data',
      'mobile-app',
      'platform',
      'stores',
      'web-storefront',
    ]);
    const owners = new Set(
      initiative
        .flatMap((c) => c.files.map(componentOf))
        .map((name) => {
          const component = catalog.find((e) => e.kind === 'Component' && e.metadata.name === name);
          return component ? refName(String(spec(component).owner)) : undefined;
        }),
    );
    expect(owners.size).toBe(7);
    expect(owners).not.toContain('enablement');
  });

  it('has billing-integration change billing-gateway and invoice-service almost alone', () => {
    const billing = recent().filter(
      (c) => touches(c, 'billing-gateway') || touches(c, 'invoice-service'),
    );
    const visitors = billing.filter((c) => !commitTeams(c).has('billing-integration'));
    expect(billing.length).toBeGreaterThan(40);
    expect(visitors.length).toBeGreaterThan(0);
    expect(visitors.length / billing.length).toBeLessThan(0.05);
  });

  it('shows no shared work for two declared interactions', () => {
    /** Components a team changed in the window; paths outside components count by folder. */
    const changedBy = (team: string): Set<string> =>
      new Set(
        recent()
          .filter((c) => commitTeams(c).has(team))
          .flatMap((c) => c.files.map((f) => componentOf(f) ?? f.split('/')[0] ?? f)),
      );
    const shared = (a: string, b: string): string[] =>
      [...changedBy(a)].filter((x) => changedBy(b).has(x));
    expect(shared('platform', 'call-centre')).toEqual([]);
    expect(shared('enablement', 'mobile-app')).toEqual([]);
  });

  it('leaves infra/ to CODEOWNERS and scripts/ to nobody', async () => {
    const tracked = (await gitIn(repo, ['ls-files'])).split('\n').filter((f) => f !== '');
    const infra = tracked.filter((f) => f.startsWith('infra/'));
    const scripts = tracked.filter((f) => f.startsWith('scripts/'));
    expect(infra.length).toBeGreaterThan(0);
    expect(scripts.length).toBeGreaterThan(0);
    expect([...infra, ...scripts].some((f) => componentOf(f) !== undefined)).toBe(false);
    expect(DEMO_CODEOWNERS).toMatch(/^\/infra\/ @trailhead\/platform$/m);
    expect(DEMO_CODEOWNERS).not.toMatch(/^\S*scripts/m);
    expect(recent().some((c) => c.files.some((f) => f.startsWith('infra/')))).toBe(true);
    expect(log.some((c) => c.files.some((f) => f.startsWith('scripts/')))).toBe(true);
    const unowned = tracked.filter(
      (f) => componentOf(f) === undefined && !/^(infra|scripts|\.github)\//.test(f),
    );
    expect(unowned.sort()).toEqual(['.mailmap', 'README.md', 'package.json']);
  });

  it('gives every component folders that exist in the repository', async () => {
    const tracked = (await gitIn(repo, ['ls-files'])).split('\n');
    for (const [name, glob, isMatch] of componentGlobs) {
      expect(
        tracked.some((f) => isMatch(f)),
        `${name}: ${glob}`,
      ).toBe(true);
    }
  });

  it('is a valid Backstage catalog with consistent groups and members', async () => {
    const policy = EntityPolicies.allOf([
      new DefaultNamespaceEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
      new SchemaValidEntityPolicy(),
    ]);
    const validators = [
      apiEntityV1alpha1Validator,
      componentEntityV1alpha1Validator,
      domainEntityV1alpha1Validator,
      groupEntityV1alpha1Validator,
      resourceEntityV1alpha1Validator,
      systemEntityV1alpha1Validator,
      userEntityV1alpha1Validator,
    ];
    // Backstage's kinds pass Backstage's checks; orgwire's own kinds (Goal, Bet, Learning)
    // are skipped by Backstage as kinds it does not know, as custom kinds are.
    for (const entity of catalog.filter((e) => e.apiVersion.startsWith('backstage.io/'))) {
      const checked = await policy.enforce(structuredClone(entity));
      const kinds = await Promise.all(validators.map((v) => v.check(checked as Entity)));
      expect(kinds.filter(Boolean), entity.metadata.name).toHaveLength(1);
    }
    const byName = new Map(groups().map((g) => [g.metadata.name, g]));
    for (const g of groups()) {
      const children = strings(spec(g).children);
      for (const child of children) {
        expect(spec(byName.get(child) ?? g).parent, child).toBe(g.metadata.name);
      }
      const parent = spec(g).parent;
      if (typeof parent === 'string') {
        expect(strings(spec(byName.get(parent) ?? g).children)).toContain(g.metadata.name);
      }
      for (const member of strings(spec(g).members)) {
        const user = catalog.find((e) => e.kind === 'User' && e.metadata.name === member);
        expect(strings(user ? spec(user).memberOf : []), member).toContain(g.metadata.name);
      }
    }
    const teams = groups().filter((g) => spec(g).type === 'team');
    expect(teams).toHaveLength(8);
    expect(catalog.filter((e) => e.kind === 'User')).toHaveLength(40);
  });

  it('declares a synchronous chain of twelve four-nines components and one cycle', () => {
    const components = new Map(
      catalog.filter((e) => e.kind === 'Component').map((e) => [e.metadata.name, e]),
    );
    const providers = new Map<string, string>();
    for (const [name, c] of components) {
      for (const api of strings(spec(c).providesApis)) providers.set(api, name);
    }
    const syncDeps = (name: string): string[] => {
      const c = components.get(name);
      if (!c) return [];
      const async = list(annotation(c, 'orgwire.dev/async-dependencies'));
      const deps = ((spec(c).dependsOn ?? []) as string[])
        .filter((d) => d.startsWith('component:') && !async.includes(d))
        .map(refName);
      const apis = ((spec(c).consumesApis ?? []) as string[])
        .filter((a) => !async.includes(`api:${refName(a)}`))
        .flatMap((a) => providers.get(refName(a)) ?? []);
      return [...deps, ...apis];
    };
    const longest = (name: string, seen: string[]): string[] => {
      const next = syncDeps(name).filter((d) => !seen.includes(d));
      const tails = next.map((d) => longest(d, [...seen, d]));
      return [name, ...tails.reduce<string[]>((a, b) => (b.length > a.length ? b : a), [])];
    };
    const chain = longest('web-shop', ['web-shop']);
    expect(chain).toHaveLength(12);
    expect(chain.at(-1)).toBe('warehouse-adapter');
    for (const name of chain) {
      expect(annotation(components.get(name) as Entity, 'orgwire.dev/availability'), name).toBe(
        '99.99',
      );
    }
    expect(syncDeps('order-service')).toContain('invoice-service');
    expect(syncDeps('invoice-service')).toContain('order-service');
  });
});
