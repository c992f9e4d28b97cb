import { describe, expect, it } from 'vitest';
import type { CoordinationNeed } from './coordination.js';
import { noiseCandidates } from './noise-candidates.js';

const need = (
  teams: [string, string],
  wired: boolean,
  components: [string, number][],
): CoordinationNeed => ({
  teams,
  sharedWork: 0,
  coupledWork: 0,
  weight: components.reduce((s, [, w]) => s + w, 0),
  wired,
  via: wired ? 'collaboration' : null,
  components: components.map(([ref, weight]) => ({ ref, weight })),
});

const NOTES = 'folder:shop:releasenotes';
const CART = 'component:default/cart';
const three = ['a', 'b', 'c'];

describe('noiseCandidates', () => {
  // Unwired weight: 10 + 6 = 16, of which release notes 4 + 2 = 6 (37.5 %); the wired
  // need's 100 does not count.
  const needs = [
    need(['a', 'b'], false, [
      [CART, 6],
      [NOTES, 4],
    ]),
    need(['b', 'c'], false, [
      [NOTES, 2],
      ['folder:shop:docs', 2],
      ['folder:shop:/', 2],
    ]),
    need(['a', 'c'], true, [[NOTES, 100]]),
  ];

  it('names a folder nobody owns that several teams change and that makes much of the unwired need', () => {
    expect(
      noiseCandidates(needs, [
        { ref: NOTES, owner: null, teams: three },
        { ref: CART, owner: 'a', teams: three },
        { ref: 'folder:shop:docs', owner: null, teams: three },
        { ref: 'folder:shop:/', owner: null, teams: three },
      ]),
    ).toEqual([{ component: NOTES, pattern: 'releasenotes/', share: 0.375, teams: 3 }]);
  });

  it('leaves alone a folder with an owner, one that few teams change, and the root files', () => {
    expect(noiseCandidates(needs, [{ ref: NOTES, owner: 'a', teams: three }])).toEqual([]);
    expect(noiseCandidates(needs, [{ ref: NOTES, owner: null, teams: ['a', 'b'] }])).toEqual([]);
    expect(
      noiseCandidates(
        [need(['a', 'b'], false, [['folder:shop:/', 5]])],
        [{ ref: 'folder:shop:/', owner: null, teams: three }],
      ),
    ).toEqual([]);
  });

  it('names nothing when there is no unwired need', () => {
    expect(noiseCandidates([], [{ ref: NOTES, owner: null, teams: three }])).toEqual([]);
  });
});
