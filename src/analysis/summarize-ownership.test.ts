import { describe, expect, it } from 'vitest';
import { loadCatalog, type PathOwnership } from '../model/index.js';
import { summarizeOwnership } from './summarize-ownership.js';

const { catalog } = loadCatalog([
  {
    path: 'c.yaml',
    text: `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: cart}
spec: {type: service, lifecycle: production, owner: web}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: unused}
spec: {type: service, lifecycle: production, owner: web}
`,
  },
]);

const WEB = 'group:default/web';
const OPS = 'group:default/ops';
const path = (
  p: string,
  component: string,
  owner: string | null,
  rule: PathOwnership['rule'],
): PathOwnership => ({
  path: p,
  component,
  owner,
  rule,
});
const byPaths = {
  source: 'paths',
  component: 'component:default/cart',
  glob: 'cart',
  file: 'c.yaml',
  line: 1,
} as const;
const codeowners = (owners: string[]) =>
  ({ source: 'codeowners', pattern: '/infra/', owners, file: 'CODEOWNERS', line: 2 }) as const;

describe('summarizeOwnership', () => {
  // 6 files: 3 in cart (web), 1 under a CODEOWNERS rule (ops), 1 under a rule whose owner
  // matched no team, 1 in a folder nobody covers.
  const summary = summarizeOwnership(
    catalog,
    [
      path('cart/a', 'component:default/cart', WEB, byPaths),
      path('cart/b', 'component:default/cart', WEB, byPaths),
      path('cart/c', 'component:default/cart', WEB, byPaths),
      path('infra/x', 'codeowners:shop:/infra/', OPS, codeowners(['@acme/ops'])),
      path('ci/y', 'codeowners:shop:/ci/', null, codeowners(['@acme/ghosts'])),
      path('scripts/z', 'folder:shop:scripts', null, { source: 'folder', folder: 'scripts' }),
    ],
    [
      {
        unresolvedOwners: [
          { owner: '@acme/ghosts', file: 'CODEOWNERS', line: 3, rules: 1, suggestion: null },
        ],
        deadRules: [],
        shadowedRules: [],
      },
    ],
  );

  it('counts files per component, with how they were assigned', () => {
    expect(summary.files).toBe(6);
    expect(summary.components.map((c) => [c.ref, c.owner, c.source, c.files])).toEqual([
      ['codeowners:shop:/ci/', null, 'codeowners', 1],
      ['codeowners:shop:/infra/', OPS, 'codeowners', 1],
      ['component:default/cart', WEB, 'paths', 3],
      ['component:default/unused', WEB, 'catalog', 0],
      ['folder:shop:scripts', null, 'folder', 1],
    ]);
  });

  it('sums what each team owns, most files first', () => {
    expect(summary.teams).toEqual([
      { ref: WEB, components: 2, files: 3 },
      { ref: OPS, components: 1, files: 1 },
    ]);
  });

  it('calls ownerless only what no one claims; a CODEOWNERS rule with unknown owners keeps them', () => {
    expect(summary.ownerlessComponents).toEqual(['folder:shop:scripts']);
    expect(
      summary.components.find((c) => c.ref === 'codeowners:shop:/ci/')?.declaredOwners,
    ).toEqual(['@acme/ghosts']);
    expect(summary.unownedPaths).toEqual([{ repo: 'shop', folder: 'scripts', files: 1 }]);
    expect(summary.componentsWithoutFiles).toEqual(['component:default/unused']);
    expect(summary.unresolvedOwners).toHaveLength(1);
  });
});
