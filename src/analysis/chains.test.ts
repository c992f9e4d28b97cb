import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../model/index.js';
import { synchronousChains } from './chains.js';

/** A catalog of components: `name: [deps]`, with optional availability and async deps. */
function catalogOf(
  components: Record<
    string,
    { deps?: string[]; apis?: string[]; provides?: string[]; availability?: string; async?: string }
  >,
) {
  const docs = Object.entries(components).map(
    ([name, c]) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
${c.availability ? `    orgwire.dev/availability: '${c.availability}'\n` : ''}${c.async ? `    orgwire.dev/async-dependencies: '${c.async}'\n` : ''}    x.example/none: ''
spec:
  type: service
  lifecycle: production
  owner: team
  dependsOn: [${(c.deps ?? []).map((d) => `component:${d}`).join(', ')}]
  consumesApis: [${(c.apis ?? []).join(', ')}]
  providesApis: [${(c.provides ?? []).join(', ')}]
`,
  );
  const apis = [...new Set(Object.values(components).flatMap((c) => c.provides ?? []))].map(
    (name) => `apiVersion: backstage.io/v1alpha1
kind: API
metadata: {name: ${name}}
spec: {type: openapi, lifecycle: production, owner: team, definition: x}
`,
  );
  const team =
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team}\nspec: {type: team, children: []}\n';
  const loaded = loadCatalog([{ path: 'c.yaml', text: [team, ...docs, ...apis].join('---\n') }]);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded.catalog;
}
const c = (name: string) => `component:default/${name}`;

describe('synchronousChains', () => {
  it('follows the longer branch of a diamond, with compound availability', () => {
    // page → (a → b → db) and (c → db): the longest chain is page, a, b, db.
    const catalog = catalogOf({
      page: { deps: ['a', 'c'], availability: '99.9' },
      a: { deps: ['b'], availability: '99.9' },
      b: { deps: ['db'], availability: '99.9' },
      c: { deps: ['db'], availability: '99.9' },
      db: { availability: '99.9' },
    });
    const { chains, cycles } = synchronousChains(catalog);
    expect(cycles).toEqual([]);
    // 0.999⁴ = 0.996006 → 99.6006 %, under the page's own 99.9 %.
    expect(chains).toEqual([
      {
        entry: c('page'),
        path: [c('page'), c('a'), c('b'), c('db')],
        depth: 4,
        availability: 99.6006,
        fanOut: 2,
        reach: 4,
        flags: ['below-objective'],
      },
    ]);
  });

  it('breaks a chain at an asynchronous dependency, which makes a new entry point', () => {
    const catalog = catalogOf({
      web: { deps: ['orders'] },
      orders: { deps: ['mailer'], async: 'component:mailer' },
      mailer: { deps: ['smtp'] },
      smtp: {},
    });
    const { chains } = synchronousChains(catalog);
    expect(chains.map((x) => x.path)).toEqual([
      [c('mailer'), c('smtp')],
      [c('web'), c('orders')],
    ]);
    expect(chains[0]?.availability).toBeNull();
  });

  it('reports a cycle with its members and still gives finite chains', () => {
    const catalog = catalogOf({
      entry: { deps: ['x'] },
      x: { deps: ['y'] },
      y: { deps: ['x', 'z'] },
      z: {},
    });
    const { chains, cycles } = synchronousChains(catalog);
    expect(cycles).toEqual([[c('x'), c('y')]]);
    expect(chains).toHaveLength(1);
    expect(chains[0]?.entry).toBe(c('entry'));
    expect(chains[0]?.path.length).toBeLessThanOrEqual(4);
  });

  it('resolves a consumed API to the component that provides it, and flags a deep chain', () => {
    const names = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
    const spec: Parameters<typeof catalogOf>[0] = {};
    names.forEach((n, i) => {
      spec[n] = i < names.length - 1 ? { apis: [`${names[i + 1]}-api`] } : {};
      spec[n] = { ...spec[n], provides: [`${n}-api`] };
    });
    const { chains } = synchronousChains(catalogOf(spec), 5);
    expect(chains[0]).toMatchObject({ entry: c('n1'), depth: 6, flags: ['deep'] });
  });

  it('follows a chain of 20,000 components without running out of stack', () => {
    const n = 20_000;
    const docs = Array.from(
      { length: n },
      (_, i) =>
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: s${i}}\nspec: {type: service, lifecycle: production, owner: team${i + 1 < n ? `, dependsOn: [component:s${i + 1}]` : ''}}\n`,
    );
    const team =
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team}\nspec: {type: team, children: []}\n';
    const { catalog } = loadCatalog([{ path: 'big.yaml', text: [team, ...docs].join('---\n') }]);
    const { chains } = synchronousChains(catalog);
    expect(chains).toHaveLength(1);
    expect(chains[0]?.depth).toBe(n);
  });

  it('finds the demo\u2019s twelve-component chain behind the product page and its one cycle', () => {
    const dir = 'examples/demo/catalog';
    const files = readdirSync(dir).map((f) => ({
      path: f,
      text: readFileSync(join(dir, f), 'utf8'),
    }));
    const { chains, cycles } = synchronousChains(loadCatalog(files).catalog);
    // Twelve four-nines services compound to 99.88 %, below the page's own 99.99 %.
    expect(chains[0]).toMatchObject({
      entry: c('web-shop'),
      depth: 12,
      flags: ['deep', 'below-objective'],
    });
    expect(chains[0]?.availability).toBeCloseTo(99.88, 2);
    expect(cycles).toEqual([[c('invoice-service'), c('order-service')]]);
  });
});
