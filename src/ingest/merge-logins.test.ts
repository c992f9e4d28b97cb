import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../../test/helpers/git-repo.js';
import type { MergeLoginEvidence } from '../model/index.js';
import { gitSource } from './git.js';
import { loginsByEmail, mergeSubjectLogin, readMergeLogins } from './merge-logins.js';

const ANA = { name: 'Ana', email: 'Ana@Laptop.local' };
const BEN = { name: 'Ben', email: 'ben@home.example' };
const CI = { name: 'GitHub', email: 'noreply@github.com' };

describe('mergeSubjectLogin', () => {
  it.each([
    ['Merge pull request #12 from AnaLima/fix-cart', 'analima'],
    ['Merge pull request #7 from some-org/feature/x', 'some-org'],
    ['Merge branch main into feature', undefined],
    ['Fix the cart (#12)', undefined],
    ['Merge pull request #12 from -bad/x', undefined],
  ])('reads %s as %s', (subject, login) => {
    expect(mergeSubjectLogin(subject)).toBe(login);
  });
});

describe('readMergeLogins on a real history', () => {
  let repo: TestRepo;
  let evidence: MergeLoginEvidence[];
  beforeAll(async () => {
    repo = await createRepo();
    repo.commit({ author: CI, files: { 'a.txt': '0' } });
    // PR #1 by analima: two commits by Ana; meanwhile main moves on.
    repo.git(['checkout', '-q', '-b', 'one']);
    repo.commit({ author: ANA, files: { 'a.txt': '1' } });
    repo.commit({ author: ANA, files: { 'b.txt': '1' } });
    repo.git(['checkout', '-q', 'main']);
    repo.commit({ author: BEN, files: { 'main.txt': 'direct' } }); // on the main line: no PR
    repo.merge({ branch: 'one', author: CI, message: 'Merge pull request #1 from analima/one' });
    // PR #2 by analima carries one commit of Ben's, and merges main into itself first.
    repo.git(['checkout', '-q', '-b', 'two']);
    repo.commit({ author: BEN, files: { 'c.txt': '2' } });
    repo.git(['checkout', '-q', 'main']);
    repo.commit({ author: ANA, files: { 'main.txt': 'direct 2' } });
    repo.git(['checkout', '-q', 'two']);
    repo.merge({ branch: 'main', author: BEN, message: 'Merge main into two' });
    repo.commit({ author: ANA, files: { 'd.txt': '2' } });
    repo.git(['checkout', '-q', 'main']);
    repo.merge({ branch: 'two', author: CI, message: 'Merge pull request #2 from analima/two' });
    // PR #3 by benok: two commits of Ben's.
    repo.git(['checkout', '-q', '-b', 'three']);
    repo.commit({ author: BEN, files: { 'e.txt': '3' } });
    repo.commit({ author: BEN, files: { 'f.txt': '3' } });
    repo.git(['checkout', '-q', 'main']);
    repo.merge({ branch: 'three', author: CI, message: 'Merge pull request #3 from benok/three' });
    // A merge that is no pull request.
    repo.git(['checkout', '-q', '-b', 'four']);
    repo.commit({ author: ANA, files: { 'g.txt': '4' } });
    repo.git(['checkout', '-q', 'main']);
    repo.merge({ branch: 'four', author: CI, message: 'Merge branch four' });
    evidence = await readMergeLogins(gitSource(repo.dir));
  });
  afterAll(() => repo?.cleanup());

  it('credits each commit a pull request brought in to its login, once, and nothing on the main line', () => {
    // Ana: 2 in #1, 1 in #2 (the main-line commit merged into the branch is not #2's).
    // Ben: 1 in #2, 2 in #3; his main-line commit and the branch's merge count for no one.
    const byKey = (rows: readonly MergeLoginEvidence[]) =>
      rows.map((r) => `${r.email} ${r.login} ${r.commits}`).sort();
    expect(byKey(evidence)).toEqual([
      'ana@laptop.local analima 3',
      'ben@home.example analima 1',
      'ben@home.example benok 2',
    ]);
  });

  it('gives an e-mail the login behind more than half of its merged commits', () => {
    expect(loginsByEmail(evidence)).toEqual(
      new Map([
        ['ana@laptop.local', 'analima'],
        ['ben@home.example', 'benok'],
      ]),
    );
    // A tie is no majority: nobody is named.
    expect(
      loginsByEmail([
        { email: 'x@y', login: 'a', commits: 1 },
        { email: 'x@y', login: 'b', commits: 1 },
      ]),
    ).toEqual(new Map());
  });

  it('reads nothing from an empty repository', async () => {
    const empty = await createRepo();
    expect(await readMergeLogins(gitSource(empty.dir))).toEqual([]);
    await empty.cleanup();
  });
});
