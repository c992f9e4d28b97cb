import { type ReactNode, useCallback, useId, useMemo, useState } from 'react';
import { type Direction, firstDirection, type SortValue, sortRows } from '../sort-rows.js';
import '../sortable.css';

/**
 * A sortable column: what it sorts by, and (when its values alone would mislead) which way its
 * first click goes. By default a column of numbers sorts largest first, one of texts from A.
 */
export type Column<Row> =
  | ((row: Row) => SortValue)
  | { value: (row: Row) => SortValue; first: Direction };

/** A table's sortable columns by key; the other columns are plain `<th>`. */
export type Columns<Row, K extends string> = Readonly<Record<K, Column<Row>>>;

export interface Sort<K extends string> {
  key: K;
  direction: Direction;
}

/** What a `SortHeader` needs: whether its column sorts the table, and what a click does. */
export interface SortState {
  state: Direction | 'none';
  onSort: () => void;
}

const columnValue = <Row,>(column: Column<Row>) =>
  typeof column === 'function' ? column : column.value;

const firstOf = <Row,>(column: Column<Row>, rows: readonly Row[]): Direction =>
  typeof column === 'function' ? firstDirection(rows, column) : column.first;

/**
 * Rows sorted by the column the reader chose: a click on a header sorts by it (its natural
 * way first), a second click reverses. Missing values go last, ties keep `rows`' order (the
 * server's). `initial`: a column key (its natural way), a sort, or null for `rows` as they come.
 * Columns are best defined once (module scope, or useMemo): new ones re-sort on every render,
 * cheap for the few hundred rows a table shows. Sort the whole list, then cut what is shown.
 *
 * ```tsx
 * const { rows, header } = useSort(needs, { team: (n) => n.label, weight: (n) => n.weight }, 'weight');
 * <SortHeader {...header('weight')} numeric>Weight</SortHeader>
 * ```
 */
export function useSort<Row, K extends string>(
  rows: readonly Row[],
  columns: Columns<Row, K>,
  initial: NoInfer<K> | Sort<NoInfer<K>> | null = null,
): { rows: readonly Row[]; sort: Sort<K> | null; header: (key: K) => SortState } {
  const [sort, setSort] = useState<Sort<K> | null>(() =>
    initial === null || typeof initial === 'object'
      ? initial
      : { key: initial, direction: firstOf(columns[initial], rows) },
  );
  const sorted = useMemo(
    () => (sort ? sortRows(rows, columnValue(columns[sort.key]), sort.direction) : rows),
    [rows, columns, sort],
  );
  const header = useCallback(
    (key: K): SortState => ({
      state: sort?.key === key ? sort.direction : 'none',
      onSort: () =>
        setSort((now) =>
          now?.key === key
            ? { key, direction: now.direction === 'ascending' ? 'descending' : 'ascending' }
            : { key, direction: firstOf(columns[key], rows) },
        ),
    }),
    [sort, columns, rows],
  );
  return { rows: sorted, sort, header };
}

/**
 * A column header that sorts its table: the whole cell is one button, named by the header's
 * text, with a mark for the eye (▲ ▼, or ↕ while another column sorts) drawn by CSS so that
 * the cell's text (its CSV, its name) stays the header's own. A glossary term in the header
 * stays a link of its own, above the button.
 */
export function SortHeader({
  state,
  onSort,
  numeric = false,
  children,
}: SortState & { numeric?: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <th
      scope="col"
      className={numeric ? 'sortable num' : 'sortable'}
      aria-sort={state === 'none' ? undefined : state}
    >
      <button type="button" className="sort" aria-labelledby={id} onClick={onSort} />
      <span id={id} className="sort-label">
        {children}
      </span>
      <span className="sort-mark" aria-hidden="true" />
    </th>
  );
}
