import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftNeeds, NameTable } from './drift-needs.js';
import type { DriftNeed } from './drift-types.js';

const ref = fc.constantFrom(
  'group:default/web',
  'group:default/payments',
  'group:default/data',
  'component:default/checkout',
  'component:default/ledger',
  'component:default/search-ui',
);
const needs = fc.array(
  fc.record({
    teams: fc.tuple(ref, ref),
    weight: fc.double({ min: 0, max: 1e6, noNaN: true }),
    components: fc.array(ref, { maxLength: 5 }),
  }),
  { maxLength: 30 },
);

describe('DriftNeeds', () => {
  it('reads back, iterates and writes to JSON exactly the needs it packed', () => {
    fc.assert(
      fc.property(needs, (list: DriftNeed[]) => {
        const packed = DriftNeeds.of(list);
        expect(packed.length).toBe(list.length);
        expect([...packed]).toEqual(list);
        list.forEach((need, i) => {
          expect(packed.weight(i)).toBe(need.weight);
          expect(packed.teams(i)).toEqual(need.teams);
          expect(packed.components(i)).toEqual(need.components);
        });
        expect(JSON.stringify({ needs: packed })).toBe(JSON.stringify({ needs: list }));
      }),
    );
  });

  it('numbers each reference once across the weeks that share a table', () => {
    const table = new NameTable();
    const a = DriftNeeds.of(
      [{ teams: ['group:default/web', 'group:default/data'], weight: 2, components: ['c'] }],
      table,
    );
    const b = DriftNeeds.of(
      [{ teams: ['group:default/data', 'group:default/web'], weight: 3, components: ['c', 'd'] }],
      table,
    );
    expect(table.names).toEqual(['group:default/web', 'group:default/data', 'c', 'd']);
    expect(a.at(0)).toEqual({
      teams: ['group:default/web', 'group:default/data'],
      weight: 2,
      components: ['c'],
    });
    expect(b.at(0)).toEqual({
      teams: ['group:default/data', 'group:default/web'],
      weight: 3,
      components: ['c', 'd'],
    });
  });
});
