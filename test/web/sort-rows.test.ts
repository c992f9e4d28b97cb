import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareValues,
  firstDirection,
  isMissing,
  type SortValue,
  sortRows,
} from '../../web/src/sort-rows.js';

// How every table of the radiator sorts (issue 15, item 4): the order a reader expects, the
// rows without a value last, and ties left in the server's order.

interface Row {
  id: number;
  value: SortValue;
}

const value = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom('a', 'B', 'b', 'item 2', 'item 10', 'Élan', 'elan', ''),
  fc.constantFrom(null, undefined, Number.NaN),
);
/** Rows numbered in the server's order. */
const rowsOf = fc
  .array(value, { maxLength: 40 })
  .map((values) => values.map((v, id): Row => ({ id, value: v })));
const direction = fc.constantFrom('ascending' as const, 'descending' as const);

describe('sortRows', () => {
  it('puts the rows without a value last, whichever way it sorts', () => {
    fc.assert(
      fc.property(rowsOf, direction, (rows, dir) => {
        const sorted = sortRows(rows, (r) => r.value, dir);
        const firstMissing = sorted.findIndex((r) => isMissing(r.value));
        if (firstMissing >= 0)
          expect(sorted.slice(firstMissing).every((r) => isMissing(r.value))).toBe(true);
      }),
    );
  });

  it('keeps the server order of rows that tie, both ways', () => {
    fc.assert(
      fc.property(rowsOf, direction, (rows, dir) => {
        const sorted = sortRows(rows, (r) => r.value, dir);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1] as Row;
          const b = sorted[i] as Row;
          const tie =
            (isMissing(a.value) && isMissing(b.value)) ||
            (!isMissing(a.value) && !isMissing(b.value) && compareValues(a.value, b.value) === 0);
          if (tie) expect(a.id).toBeLessThan(b.id);
        }
      }),
    );
  });

  it('orders the present values ascending or descending, as asked', () => {
    fc.assert(
      fc.property(rowsOf, direction, (rows, dir) => {
        const present = sortRows(rows, (r) => r.value, dir).filter((r) => !isMissing(r.value));
        const sign = dir === 'ascending' ? 1 : -1;
        for (let i = 1; i < present.length; i++) {
          const a = (present[i - 1] as Row).value as string | number;
          const b = (present[i] as Row).value as string | number;
          expect(sign * compareValues(a, b)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('keeps every row and leaves the rows it was given as they were', () => {
    fc.assert(
      fc.property(rowsOf, direction, (rows, dir) => {
        const before = [...rows];
        const sorted = sortRows(rows, (r) => r.value, dir);
        expect(rows).toEqual(before);
        expect(sorted.map((r) => r.id).sort((a, b) => a - b)).toEqual(before.map((r) => r.id));
      }),
    );
  });

  it.each([
    ['numbers by size, not as text', [10, 9, 100, -1], [-1, 9, 10, 100]],
    [
      'numbers inside text by size',
      ['item 10', 'item 2', 'item 1'],
      ['item 1', 'item 2', 'item 10'],
    ],
    ['rule lines by number', ['CODEOWNERS:12', 'CODEOWNERS:9'], ['CODEOWNERS:9', 'CODEOWNERS:12']],
    ['text whatever its case', ['b', 'C', 'a'], ['a', 'b', 'C']],
    ['numbers before text', ['x', 2, 1], [1, 2, 'x']],
    ['two infinities as equal', [Infinity, 1, Infinity], [1, Infinity, Infinity]],
  ])('sorts %s', (_what, values, expected) => {
    const rows = values.map((v, id) => ({ id, value: v }));
    expect(sortRows(rows, (r) => r.value, 'ascending').map((r) => r.value)).toEqual(expected);
  });

  it('sorts text that differs only in case or accents as equal, in the server order', () => {
    const rows = ['elan', 'Élan', 'Elan'].map((v, id) => ({ id, value: v }));
    expect(sortRows(rows, (r) => r.value, 'descending').map((r) => r.id)).toEqual([0, 1, 2]);
  });
});

describe('firstDirection', () => {
  it('sorts a measure largest first and a name from A', () => {
    expect(firstDirection([{ v: null }, { v: 3 }], (r) => r.v)).toBe('descending');
    expect(firstDirection([{ v: undefined }, { v: 'Payments' }], (r) => r.v)).toBe('ascending');
    expect(firstDirection([{ v: null }], (r) => r.v)).toBe('ascending');
  });
});
