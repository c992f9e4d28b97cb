import { describe, expect, it } from 'vitest';
import type { UnresolvedOwner } from '../model/index.js';
import { codeownersFindings } from './codeowners-findings.js';

const unknown = (owner: string, suggestion: string | null, line = 1): UnresolvedOwner => ({
  owner,
  file: 'CODEOWNERS',
  line,
  rules: 1,
  suggestion,
});
const health = (unresolvedOwners: UnresolvedOwner[]) => ({
  unresolvedOwners,
  deadRules: [],
  shadowedRules: [],
});

describe('codeownersFindings', () => {
  it.each([
    [
      '@acme/platfrom',
      '@acme/platform',
      'Did you mean @acme/platform? Otherwise add a Group with the annotation github.com/team-slug: acme/platfrom to the catalog.',
    ],
    [
      '@acme/ghosts',
      null,
      'Add a Group with the annotation github.com/team-slug: acme/ghosts to the catalog, or correct the owner.',
    ],
    [
      '@zed',
      null,
      'Add a User with the annotation github.com/user-login: zed to the catalog, or correct the owner.',
    ],
    [
      'zed@acme.example',
      null,
      'Add a User with spec.profile.email zed@acme.example to the catalog, or correct the owner.',
    ],
  ])('tells how to fix the unknown owner %s', (owner, suggestion, hint) => {
    expect(codeownersFindings([], health([unknown(owner, suggestion)]))).toEqual([
      {
        code: 'codeowners/unknown-owner',
        file: 'CODEOWNERS',
        line: 1,
        message: `${owner} matches no Group or User in the catalog`,
        hint,
      },
    ]);
  });

  it('lists findings in line order and leaves owners out when asked', () => {
    const problems = [{ file: 'CODEOWNERS', line: 2, message: 'm', hint: 'h' }];
    const found = codeownersFindings(
      problems,
      health([unknown('@zed', null, 5), unknown('@x', null, 1)]),
    );
    expect(found.map((f) => [f.line, f.code])).toEqual([
      [1, 'codeowners/unknown-owner'],
      [2, 'codeowners/syntax'],
      [5, 'codeowners/unknown-owner'],
    ]);
    expect(
      codeownersFindings(problems, health([unknown('@zed', null)]), { owners: false }),
    ).toEqual([{ code: 'codeowners/syntax', ...problems[0] }]);
  });
});
