/**
 * How the radiator's tables sort: a column's values compared as a reader expects, the rows
 * that have none last, and ties left in the server's order.
 */

/** What a column sorts by: a number, a text, or nothing (null, undefined, NaN). */
export type SortValue = string | number | null | undefined;

export type Direction = 'ascending' | 'descending';

// Numeric-aware ("week 2" before "week 10") and blind to case and accents, like a person reads.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A value the column lacks: it sorts after every other, whichever way the column goes. */
export const isMissing = (value: SortValue): value is null | undefined =>
  value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));

/**
 * Two present values in ascending order: numbers by size, texts by the collator, and a number
 * before a text (a column that mixes them is rare: a count beside "unknown").
 */
export function compareValues(a: string | number, b: string | number): number {
  // Not a − b: two infinities would make NaN.
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return collator.compare(a, b);
}

/**
 * `rows` by `value`, ascending or descending; rows without a value come last either way, and
 * rows that tie keep their order in `rows` (Array.prototype.sort is stable). A new array.
 */
export function sortRows<Row>(
  rows: readonly Row[],
  value: (row: Row) => SortValue,
  direction: Direction,
): Row[] {
  const sign = direction === 'descending' ? -1 : 1;
  return rows
    .map((row) => ({ row, key: value(row) }))
    .sort((a, b) => {
      const aMissing = isMissing(a.key);
      const bMissing = isMissing(b.key);
      if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
      return sign * compareValues(a.key as string | number, b.key as string | number);
    })
    .map(({ row }) => row);
}

/** The way a column sorts on its first click: measures largest first, names from A. */
export function firstDirection<Row>(
  rows: readonly Row[],
  value: (row: Row) => SortValue,
): Direction {
  for (const row of rows) {
    const v = value(row);
    if (!isMissing(v)) return typeof v === 'number' ? 'descending' : 'ascending';
  }
  return 'ascending';
}
