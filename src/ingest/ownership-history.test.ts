import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../../test/helpers/git-repo.js';
import { gitSource } from './git.js';
import { readOwnershipHistory } from './ownership-history.js';

const at = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;
const ops = { name: 'ops', email: 'ops@acme.example' };

describe('readOwnershipHistory', () => {
  let flat: TestRepo;
  let nested: TestRepo;
  beforeAll(async () => {
    // CODEOWNERS at the root, changed in three weeks (twice in the second).
    flat = await createRepo();
    flat.commit({ author: ops, date: '2026-01-05T10:00:00Z', files: { 'src/x.ts': 'x' } });
    flat.commit({
      author: ops,
      date: '2026-01-06T10:00:00Z',
      files: { '.github/CODEOWNERS': '/src/ @acme/web\n' },
    });
    flat.commit({
      author: ops,
      date: '2026-01-13T10:00:00Z',
      files: { '.github/CODEOWNERS': '/src/ @acme/pay\n' },
    });
    flat.commit({
      author: ops,
      date: '2026-01-14T10:00:00Z',
      files: {
        '.github/CODEOWNERS': '/src/ @acme/data\n',
        MAINTAINERS: 'Core\nM: A <a@x.example>\nF: src/\n',
      },
    });
    flat.commit({
      author: ops,
      date: '2026-01-20T10:00:00Z',
      files: { '.github/CODEOWNERS': '/src/ @acme/ops\n' },
    });
    // OWNERS files in folders, added then changed.
    nested = await createRepo();
    nested.commit({
      author: ops,
      date: '2026-01-05T10:00:00Z',
      files: { 'pkg/api/OWNERS': 'approvers: [ana]\n' },
    });
    nested.commit({
      author: ops,
      date: '2026-01-12T10:00:00Z',
      files: { 'pkg/api/OWNERS': 'approvers: [ben]\n', 'pkg/db/OWNERS': 'approvers: [cy]\n' },
    });
  });
  afterAll(async () => {
    await flat.cleanup();
    await nested.cleanup();
  });

  it('gives a version per week the files changed, the last of each week, not today\u2019s', async () => {
    const history = await readOwnershipHistory(gitSource(flat.dir), 'flat', 'flat', 'weekly', []);
    expect(history?.past.map((v) => v.time)).toEqual([
      at('2026-01-06') - 7_200,
      at('2026-01-14') - 7_200,
    ]);
    expect(history?.currentSince).toBe(at('2026-01-20') - 7_200);
    const [first, second] = history?.past ?? [];
    expect(first?.files.codeowners.rules.map((r) => r.owners)).toEqual([['@acme/web']]);
    // The week's last change stands for it: data, with MAINTAINERS beside it.
    expect(second?.files.codeowners.rules.map((r) => r.owners)).toEqual([['@acme/data']]);
    expect(second?.files.readings.map((r) => r.format)).toEqual(['maintainers']);
    expect(second?.files.readings[0]?.files).toEqual(['MAINTAINERS']);
  });

  it('gives the version in force at a time, none once today\u2019s took effect', async () => {
    const git = gitSource(flat.dir);
    const then = await readOwnershipHistory(git, 'flat', 'flat', [at('2026-01-13') + 3_600], []);
    expect(then?.past.map((v) => v.files.codeowners.rules[0]?.owners)).toEqual([['@acme/pay']]);
    expect(await readOwnershipHistory(git, 'flat', 'flat', [at('2026-02-01')], [])).toBeUndefined();
  });

  it('reads OWNERS files in any folder as they were', async () => {
    const history = await readOwnershipHistory(
      gitSource(nested.dir),
      'nested',
      'nested',
      'weekly',
      ['pkg/api/OWNERS'],
    );
    const [first] = history?.past ?? [];
    expect(first?.files.readings[0]?.format).toBe('owners');
    expect(first?.files.readings[0]?.files).toEqual(['pkg/api/OWNERS']);
    // Where HEAD keeps no OWNERS file, no walk looks for them.
    expect(
      await readOwnershipHistory(gitSource(nested.dir), 'nested', 'nested', 'weekly', []),
    ).toBeUndefined();
  });
});
