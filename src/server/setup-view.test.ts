import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../model/index.js';
import type { Report } from '../usecases/index.js';
import type { Coverage } from './api-types.js';
import { setupView } from './setup-view.js';

const coverage = { share: 0.9 } as Coverage;
const { catalog } = loadCatalog([
  {
    path: 'org.yaml',
    text: [
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: web}\nspec: {type: team, children: [], members: [ana]}\n',
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: pay}\nspec: {type: team, children: [], members: [ben]}\n',
      'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: ana}\nspec: {memberOf: []}\n',
      'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: ben}\nspec: {memberOf: []}\n',
    ].join('---\n'),
  },
]);
/** Just what setupView reads of a report: teams, queues, and the files each component has. */
const report = (files: number[], queues = 1) =>
  ({
    teams: [
      { ref: 'group:default/web', inferred: false },
      { ref: 'group:default/pay', inferred: false },
    ],
    queues: Array.from({ length: queues }, () => ({})),
    ownership: {
      files: files.reduce((s, n) => s + n, 0),
      components: files.map((n, i) => ({
        ref: `codeowners:shop:/part${i}/`,
        owner: 'group:default/web',
        declaredOwners: ['@acme/web'],
        files: n,
      })),
    },
  }) as unknown as Report;

describe('setupView', () => {
  it('asks for nothing when the catalog names teams and people, ownership is split and queues are read', () => {
    expect(setupView(report([5, 5]), catalog, coverage).steps).toEqual([]);
  });

  it('calls a rule deciding 80 % of the files a catch-all, and 70 % not', () => {
    const at = (files: number[]) => setupView(report(files), catalog, coverage);
    expect(at([8, 2]).catchAll).toEqual({
      component: 'codeowners:shop:/part0/',
      owner: 'group:default/web',
      label: '@acme/web',
      share: 0.8,
    });
    expect(at([8, 2]).steps.map((s) => s.id)).toEqual(['catch-all']);
    expect(at([7, 3]).catchAll).toBeNull();
    // Four files say nothing of how ownership is split.
    expect(at([4]).catchAll).toBeNull();
  });

  it('asks for the queues when no request export was read', () => {
    expect(setupView(report([5, 5], 0), catalog, coverage).steps.map((s) => s.id)).toEqual([
      'requests',
    ]);
  });
});
