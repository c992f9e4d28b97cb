import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRepositories, readRepositoryList } from './find-repositories.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'orgwire-find-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const folder = (...parts: string[]) => {
  const path = join(root, ...parts);
  mkdirSync(path, { recursive: true });
  return path;
};

describe('findRepositories', () => {
  it('finds working trees, worktrees and bare repositories at any depth, sorted', async () => {
    folder('shop', '.git');
    writeFileSync(join(folder('team', 'pay'), '.git'), 'gitdir: /elsewhere/.git/worktrees/pay\n');
    for (const part of ['objects', 'refs']) folder('mirrors', 'web.git', part);
    writeFileSync(join(root, 'mirrors', 'web.git', 'HEAD'), 'ref: refs/heads/main\n');
    folder('team', 'docs-only', 'notes');
    expect(await findRepositories(root)).toEqual([
      join(root, 'mirrors', 'web.git'),
      join(root, 'shop'),
      join(root, 'team', 'pay'),
    ]);
  });

  it('does not search inside a repository, hidden folders, node_modules or symbolic links', async () => {
    folder('shop', '.git');
    folder('shop', 'vendor', 'lib', '.git');
    folder('.cache', 'old', '.git');
    folder('node_modules', 'pkg', '.git');
    folder('elsewhere', 'real', '.git');
    symlinkSync(join(root, 'elsewhere'), join(root, 'link'));
    symlinkSync(root, join(root, 'elsewhere', 'loop'));
    expect(await findRepositories(root)).toEqual([
      join(root, 'elsewhere', 'real'),
      join(root, 'shop'),
    ]);
  });

  it('takes a repository given as the root itself', async () => {
    folder('.git');
    expect(await findRepositories(root)).toEqual([root]);
  });

  it('refuses a root that is missing or a file, saying which', async () => {
    await expect(findRepositories(join(root, 'nope'), 'nope')).rejects.toThrow(
      expect.objectContaining({ code: 'not-found', message: 'No folder at nope.' }),
    );
    writeFileSync(join(root, 'file'), '');
    await expect(findRepositories(join(root, 'file'), 'file')).rejects.toThrow(
      'file is not a folder.',
    );
  });
});

describe('readRepositoryList', () => {
  it('reads one folder per line, relative to the list, skipping comments and blank lines', async () => {
    const list = join(folder('lists'), 'repos.txt');
    writeFileSync(list, '# ours\n../shop\n\n  /srv/git/pay  \r\n#../skipped\n');
    expect(await readRepositoryList(list)).toEqual([join(root, 'shop'), '/srv/git/pay']);
  });

  it('names a missing list and the flag that gave it', async () => {
    await expect(readRepositoryList(join(root, 'none.txt'), 'none.txt')).rejects.toThrow(
      expect.objectContaining({
        code: 'not-found',
        message: 'No list of repositories at none.txt.',
        hint: 'Check the path given to --repos-from.',
      }),
    );
  });
});
