import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './closest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['wg-user-experiences-maintainers', 'wg-user-experience-maintainers', 1],
    ['payments', 'paymetns', 2],
  ])('puts %j and %j %i edits apart', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('stops at the limit and says the limit, never less than the true distance', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(12), (a, b, limit) => {
        expect(editDistance(a, b, limit)).toBe(Math.min(editDistance(a, b), limit));
      }),
    );
  });
});

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
});
