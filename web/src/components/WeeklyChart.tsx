import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import { days, num, pct } from '../format.js';
import { PlotFigure } from './PlotFigure.js';

/** One week's point: the ISO week, the last day of its window and the value (null: none). */
export interface WeekPoint {
  week: string;
  until: string;
  value: number | null;
}

/** Where an alert or a watch started, on this chart. */
export interface WeekMark {
  week: string;
  level: 'alert' | 'watch';
  title: string;
}

interface Props {
  points: readonly WeekPoint[];
  /** What the chart shows, for screen readers (the table beside it has the numbers). */
  label: string;
  unit: 'share' | 'count' | 'days';
  /** Weeks the catalog changed: a dashed vertical rule, labelled where there is room. */
  reorgs?: readonly string[];
  marks?: readonly WeekMark[];
  /** A horizontal reference, such as a queue's promise. */
  reference?: { value: number; label: string } | null;
  height?: number;
}

const LINE = '#1d4ed8';
const ALERT = '#b42318';
const WATCH = '#8a4b00';
const REORG = '#475569';
/** Labels of reorg rules closer than this, in pixels, would overlap: the older is left out. */
const LABEL_GAP = 96;

const NONE: readonly never[] = [];

const dateOf = (until: string) => new Date(`${until}T00:00:00Z`);

/** 0, 1, … up to `top`. */
const wholeTicks = (top: number) => Array.from({ length: Math.floor(top) + 1 }, (_, i) => i);

export function formatValue(unit: Props['unit'], value: number | null): string {
  if (unit === 'share') return pct(value);
  if (unit === 'days') return days(value);
  return num(value);
}

/**
 * A small line chart of one weekly measure: the line (gaps where a week has no value),
 * dashed rules where the catalog changed, a filled triangle where an alert started and a
 * hollow circle where a watch did. The shapes, not only their colours, tell them apart.
 */
export function WeeklyChart({
  points,
  label,
  unit,
  reorgs = NONE,
  marks = NONE,
  reference = null,
  height = 150,
}: Props) {
  const options = useCallback(
    (width: number): Plot.PlotOptions => {
      const rows = points.map((p) => ({ ...p, date: dateOf(p.until) }));
      const byWeek = new Map(rows.map((r) => [r.week, r]));
      const first = rows[0]?.date.getTime() ?? 0;
      const span = Math.max(1, (rows.at(-1)?.date.getTime() ?? 0) - first);
      const rules = reorgs.flatMap((week) => {
        const row = byWeek.get(week);
        return row ? [row.date] : [];
      });
      // Label the newest rules first, each far enough from the last one labelled.
      const labelled: Date[] = [];
      for (const date of [...rules].reverse()) {
        const x = ((date.getTime() - first) / span) * width;
        const last = labelled.at(-1);
        if (!last || ((last.getTime() - first) / span) * width - x >= LABEL_GAP)
          labelled.push(date);
      }
      const marked = marks.flatMap((m) => {
        const row = byWeek.get(m.week);
        return row ? [{ ...m, date: row.date, value: row.value }] : [];
      });
      const values = rows.flatMap((r) => (r.value === null ? [] : [r.value]));
      const top = Math.max(reference?.value ?? 0, ...values, unit === 'share' ? 0 : 1);
      const few = rows.length <= 16;
      const format = (v: number | null) => formatValue(unit, v);
      return {
        width,
        height,
        marginLeft: 44,
        marginRight: 12,
        marginTop: 22,
        x: { type: 'utc', label: null, ticks: Math.max(2, Math.floor(width / 120)) },
        y: {
          label: null,
          grid: true,
          nice: true,
          ...(unit === 'share'
            ? { domain: [0, 1], tickFormat: '.0%' }
            : // Small counts get whole-number ticks, not 0.5 of a team.
              {
                domain: [0, top * 1.1],
                ticks: top <= 5 ? wholeTicks(top) : 4,
                tickFormat: (d: number) => num(d),
              }),
        },
        marks: [
          Plot.ruleY([0], { stroke: '#c3cad4' }),
          Plot.ruleX(rules, { stroke: REORG, strokeDasharray: '4,3', strokeWidth: 1.5 }),
          Plot.text(labelled, {
            x: (d: Date) => d,
            frameAnchor: 'top',
            dy: -12,
            text: () => 'catalog changed',
            textAnchor: 'end',
            dx: -3,
            fill: REORG,
            fontSize: 10,
          }),
          reference
            ? Plot.ruleY([reference.value], { stroke: '#0f172a', strokeDasharray: '6,3' })
            : null,
          reference
            ? Plot.text([reference.value], {
                y: (d: number) => d,
                frameAnchor: 'right',
                dy: -7,
                textAnchor: 'end',
                text: () => reference.label,
                fontSize: 10,
              })
            : null,
          Plot.lineY(rows, { x: 'date', y: 'value', stroke: LINE, strokeWidth: 2 }),
          few || rows.length === 1
            ? Plot.dot(rows, { x: 'date', y: 'value', fill: LINE, r: 2.5 })
            : null,
          Plot.dot(
            marked.filter((m) => m.level === 'watch'),
            {
              x: 'date',
              y: (m: { value: number | null }) => m.value ?? top,
              r: 5,
              stroke: WATCH,
              strokeWidth: 2,
              fill: 'white',
              title: 'title',
            },
          ),
          Plot.dot(
            marked.filter((m) => m.level === 'alert'),
            {
              x: 'date',
              y: (m: { value: number | null }) => m.value ?? top,
              r: 6,
              symbol: 'triangle',
              fill: ALERT,
              stroke: 'white',
              title: 'title',
            },
          ),
          Plot.tip(
            rows,
            Plot.pointerX({
              x: 'date',
              y: 'value',
              title: (r: (typeof rows)[number]) => `${r.week}: ${format(r.value)}`,
            }),
          ),
        ],
      };
    },
    [points, reorgs, marks, reference, unit, height],
  );
  if (points.length === 0) return null;
  return <PlotFigure options={options} label={label} />;
}

/** The key to the charts' marks, said once above them. */
export function WeeklyChartKey({ reorgs }: { reorgs: boolean }) {
  return (
    <ul className="chart-key small" aria-label="How to read the charts">
      <li>
        <span className="key-shape key-alert" aria-hidden="true" /> an alert started
      </li>
      <li>
        <span className="key-shape key-watch" aria-hidden="true" /> a watch started (close to an
        alert)
      </li>
      {reorgs ? (
        <li>
          <span className="key-shape key-reorg" aria-hidden="true" /> the catalog changed (a
          reorganisation took effect)
        </li>
      ) : null}
    </ul>
  );
}
