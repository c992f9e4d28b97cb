import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { closestName } from './closest.js';

describe('closestName', () => {
  it('suggests the candidate one typo away', () => {
    expect(
      closestName('@istio/wg-user-experiences-maintainers', [
        '@istio/wg-networking-maintainers',
        '@istio/wg-user-experience-maintainers',
      ]),
    ).toBe('@istio/wg-user-experience-maintainers');
  });

  it('suggests nothing when every candidate is far', () => {
    expect(closestName('payments', ['storefront', 'platform'])).toBeUndefined();
  });

  it('allows more edits for longer names: two, or a quarter of the length', () => {
    expect(closestName('web', ['wxyz'])).toBeUndefined();
    expect(closestName('web', ['wb'])).toBe('wb');
    expect(closestName('abcdefghijkl', ['abcdefghi'])).toBe('abcdefghi');
    expect(closestName('abcdefghijkl', ['abcdefgh'])).toBeUndefined();
  });

  it('prefers the nearest candidate, and the first of equals', () => {
    expect(closestName('cart', ['carts', 'cort', 'cart'])).toBe('cart');
    expect(closestName('cart', ['carts', 'cort'])).toBe('carts');
  });

  it('compares what nameOf picks and returns the candidate', () => {
    const refs = ['group:default/payments', 'group:default/web'];
    expect(closestName('paymnts', refs, (r) => r.slice(r.indexOf('/') + 1))).toBe(refs[0]);
  });

  it('picks the first of the nearest candidates within the limit, as trying them all would (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.array(fc.string({ maxLength: 12 })),
        (target, list) => {
          const limit = Math.max(2, Math.floor(target.length / 4));
          const near = list.filter((c) => distance(target, c) <= limit);
          const best = Math.min(...near.map((c) => distance(target, c)));
          expect(closestName(target, list)).toBe(near.find((c) => distance(target, c) === best));
        },
      ),
    );
  });
});
