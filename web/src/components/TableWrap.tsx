import { stringify } from 'csv-stringify/browser/esm/sync';
import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A table as the reader sees it, as CSV rows: every header and body row, each cell's visible
 * text (what screen readers alone hear, and marks drawn for the eye, are left out).
 */
export function tableRows(table: HTMLTableElement): string[][] {
  return [...table.querySelectorAll('tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => {
      const copy = cell.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"], .visually-hidden'))
        hidden.remove();
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    }),
  );
}

/** `label` as a file name: lower case, words joined by hyphens. */
const fileName = (label: string) =>
  `${
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'table'
  }.csv`;

/**
 * Lets a wide table scroll sideways inside its own box instead of the page (the box is
 * focusable so that keyboard users can scroll it too, and says so when there is more to
 * the side), and downloads it as CSV, the rows shown in the order shown; `json` links the
 * API route the table comes from (see `jsonLinks` in api.ts).
 */
export function TableWrap({
  label,
  json,
  cut = false,
  children,
}: {
  label: string;
  json?: string;
  /** The table shows only some of its rows (a "show all" button or a filter hides the rest). */
  cut?: boolean;
  children: ReactNode;
}) {
  const box = useRef<HTMLElement>(null);
  const [wider, setWider] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const check = () => setWider(element.scrollWidth > element.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    const table = element.querySelector('table');
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, []);
  const download = () => {
    const table = box.current?.querySelector('table');
    if (!table) return;
    const url = URL.createObjectURL(
      new Blob([stringify(tableRows(table))], { type: 'text/csv;charset=utf-8' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName(label);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <div className="table-block">
      {wider ? (
        <p className="scroll-hint small">
          <span aria-hidden="true">↔ </span>Scroll the table sideways for more columns.
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
      <section ref={box} className="table-wrap" tabIndex={0} aria-label={label}>
        {children}
      </section>
      <p className="table-tools small">
        <button
          type="button"
          className="secondary small"
          onClick={download}
          title={
            cut
              ? 'Only the rows shown, in the order shown: show every row first to save them all.'
              : 'Every row, in the order shown.'
          }
        >
          Download CSV<span className="visually-hidden">: {label}</span>
        </button>
        {json ? (
          <a href={json} title="The API’s answer this table is drawn from, as JSON">
            JSON<span className="visually-hidden">: {label}</span>
          </a>
        ) : null}
      </p>
    </div>
  );
}
