import { afterEach, describe, expect, it } from 'vitest';
import {
  type ClonedRepo,
  cloneRepo,
  createRepo,
  type TestRepo,
} from '../../test/helpers/git-repo.js';
import { readRepositoriesOwnership } from './read-ownership-files.js';

const ANA = { name: 'Ana Lima', email: 'ana@acme.example' };
const made: (TestRepo | ClonedRepo)[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((r) => r.cleanup()));
});

const owners = (...logins: string[]) => `approvers:\n${logins.map((l) => `  - ${l}`).join('\n')}\n`;

/** The logins of the OWNERS approvers a repository's files declare. */
async function approvers(dir: string) {
  const { byDir } = await readRepositoriesOwnership([{ absolute: dir, shownAs: dir }]);
  const files = byDir.get(dir);
  return {
    files,
    users: files?.readings.flatMap((r) => r.entities.users.map((u) => u.login)).sort(),
  };
}

describe('readRepositoriesOwnership', () => {
  it('reads a bare repository again only when its HEAD moves', async () => {
    const source = await createRepo();
    made.push(source);
    source.commit({ author: ANA, files: { 'api/OWNERS': owners('ana'), 'api/a.ts': '1\n' } });
    const bare = await cloneRepo(source.dir, ['--bare']);
    made.push(bare);

    const first = await approvers(bare.dir);
    expect(first.users).toEqual(['ana']);
    // HEAD where it was: the very answer kept, not read again.
    expect((await approvers(bare.dir)).files).toBe(first.files);

    source.commit({ author: ANA, files: { 'api/OWNERS': owners('ana', 'ben') } });
    bare.git(['fetch', '-q', source.dir, '+refs/heads/*:refs/heads/*']);
    const moved = await approvers(bare.dir);
    expect(moved.files).not.toBe(first.files);
    expect(moved.users).toEqual(['ana', 'ben']);
  });

  it('reads a work tree every time: its files may change with HEAD where it is', async () => {
    const source = await createRepo();
    made.push(source);
    source.commit({ author: ANA, files: { OWNERS: owners('ana'), 'a.ts': '1\n' } });
    const first = await approvers(source.dir);
    expect((await approvers(source.dir)).files).not.toBe(first.files);
  });
});
