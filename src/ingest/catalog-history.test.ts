import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../../test/helpers/git-repo.js';
import { readCatalogHistory } from './catalog-history.js';

const at = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;
const group = (name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ${name}}\nspec: {type: team, children: []}\n`;
const ops = { name: 'ops', email: 'ops@acme.example' };

describe('readCatalogHistory', () => {
  let repo: TestRepo;
  const outside = mkdtempSync(join(tmpdir(), 'orgwire-no-git-'));
  beforeAll(async () => {
    repo = await createRepo();
    repo.commit({
      author: ops,
      date: '2026-01-05T10:00:00Z',
      files: { 'catalog/a.yaml': group('web') },
    });
    repo.commit({ author: ops, date: '2026-01-06T10:00:00Z', files: { 'src/x.ts': 'x' } });
    repo.commit({
      author: ops,
      date: '2026-01-20T10:00:00Z',
      files: { 'catalog/b.yaml': group('pay'), 'catalog/orgwire.yaml': 'x: 1\n' },
    });
    repo.commit({ author: ops, date: '2026-02-02T10:00:00Z', files: { 'catalog/a.yaml': null } });
    writeFileSync(join(outside, 'a.yaml'), group('web'));
  });
  afterAll(async () => {
    await repo.cleanup();
    rmSync(outside, { recursive: true, force: true });
  });

  it('gives the version in force at each time, read from git, once each', async () => {
    const history = await readCatalogHistory(
      [join(repo.dir, 'catalog')],
      [at('2025-12-01'), at('2026-01-10'), at('2026-01-25'), at('2026-01-26'), at('2026-03-01')],
    );
    const versions = (await history?.load()) ?? [];
    const files = versions.map((v) => v.sources.files.map((f) => f.path.split('@')[0]));
    // Before the first change: the first version. The commit to src/ is no version.
    expect(files.map((f) => f.map((p) => p?.replace(/.*catalog\//, '')))).toEqual([
      ['a.yaml'],
      ['a.yaml', 'b.yaml'],
      ['b.yaml'],
    ]);
    expect(history?.versions.map((v) => v.time)).toEqual([
      at('2026-01-05') - 7_200,
      at('2026-01-20') - 7_200,
      at('2026-02-02') - 7_200,
    ]);
    expect(versions.map((v) => v.commit)).toEqual(history?.versions.map((v) => v.commit));
    expect(versions[1]?.sources.files[1]?.text).toContain('name: pay');
  });

  it('reads one version a week with "weekly"', async () => {
    const history = await readCatalogHistory([join(repo.dir, 'catalog')], 'weekly');
    expect(history?.versions).toHaveLength(3);
  });

  it('gives nothing for a catalog outside git, or spread over several repositories', async () => {
    expect(await readCatalogHistory([outside], 'weekly')).toBeUndefined();
    expect(
      await readCatalogHistory([join(repo.dir, 'catalog'), outside], 'weekly'),
    ).toBeUndefined();
  });
});
