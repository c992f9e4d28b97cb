import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import type { TrendAlert, TrendWeek } from '../../../src/server/api-types.js';
import { ruleTitle } from '../drift-words.js';
import { PlotFigure } from './PlotFigure.js';

const ROW = 34;
const dateOf = (until: string) => new Date(`${until}T00:00:00Z`);

/**
 * When each alert started, one row per rule over the series' weeks: a filled triangle for
 * an alert, a hollow circle for a watch, dashed rules where the catalog changed. Every
 * rule shows here, also those no measure chart is about (idle interactions, queues).
 */
export function AlertTimeline({
  series,
  alerts,
  reorgs,
}: {
  series: readonly TrendWeek[];
  alerts: readonly TrendAlert[];
  reorgs: readonly string[];
}) {
  const options = useCallback(
    (width: number): Plot.PlotOptions => {
      const until = new Map(series.map((w) => [w.week, dateOf(w.until)]));
      const rows = alerts.flatMap((a) => {
        const date = until.get(a.start);
        return date ? [{ ...a, date, title: ruleTitle(a.rule) }] : [];
      });
      const rules = [...new Set(rows.map((r) => r.title))];
      const first = series[0] ? dateOf(series[0].until) : new Date(0);
      const last = series.at(-1) ? dateOf((series.at(-1) as TrendWeek).until) : new Date(0);
      const mark = (a: (typeof rows)[number]) =>
        `${a.level}: ${a.title}, ${a.start}${a.teams.length > 0 ? ` (${a.teams.map((t) => t.label).join(', ')})` : ''}`;
      return {
        width,
        height: (rules.length + 1) * ROW + 30,
        marginLeft: 12,
        marginRight: 12,
        marginTop: 8,
        x: { type: 'utc', domain: [first, last], label: null, ticks: Math.floor(width / 120) },
        // Room below the last row for its marks, above the axis.
        y: { domain: rules, axis: null, padding: 0.6 },
        marks: [
          Plot.ruleY(rules, { stroke: '#dde2e8', dy: 8 }),
          Plot.ruleX(
            reorgs.flatMap((w) => until.get(w) ?? []),
            { stroke: '#475569', strokeDasharray: '4,3' },
          ),
          Plot.text(rules, {
            y: (r: string) => r,
            frameAnchor: 'left',
            textAnchor: 'start',
            dy: -8,
            text: (r: string) => r,
            fontSize: 11,
            fill: '#334155',
          }),
          Plot.dot(
            rows.filter((r) => r.level === 'watch'),
            {
              x: 'date',
              y: 'title',
              dy: 6,
              r: 5,
              stroke: '#8a4b00',
              strokeWidth: 2,
              fill: 'white',
              title: mark,
            },
          ),
          Plot.dot(
            rows.filter((r) => r.level === 'alert'),
            {
              x: 'date',
              y: 'title',
              dy: 6,
              r: 6,
              symbol: 'triangle',
              fill: '#b42318',
              stroke: 'white',
              title: mark,
            },
          ),
        ],
      };
    },
    [series, alerts, reorgs],
  );
  if (alerts.length === 0 || series.length === 0) return null;
  return <PlotFigure options={options} label="When each alert and watch started, by rule" />;
}
