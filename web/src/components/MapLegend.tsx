import type { ReactElement } from 'react';
import { EDGE_COLORS, TEAM_STYLES } from './OrgMapGraph.js';
import { Term } from './Term.js';

function Shape({ shape, color, dashed }: { shape: string; color: string; dashed?: boolean }) {
  const common = {
    fill: color,
    fillOpacity: 0.16,
    stroke: color,
    strokeWidth: 2,
    strokeDasharray: dashed ? '3 2' : undefined,
  };
  let mark: ReactElement;
  switch (shape) {
    case 'round-rectangle':
      mark = <rect x="1" y="4" width="22" height="12" rx="4" {...common} />;
      break;
    case 'rectangle':
      mark = <rect x="1" y="4" width="22" height="12" {...common} />;
      break;
    case 'cut-rectangle':
      mark = <polygon points="5,4 19,4 23,8 23,12 19,16 5,16 1,12 1,8" {...common} />;
      break;
    default:
      mark = <ellipse cx="12" cy="10" rx="11" ry="6" {...common} />;
  }
  return (
    <svg width="24" height="20" viewBox="0 0 24 20" aria-hidden="true" focusable="false">
      {mark}
    </svg>
  );
}

function Line({ color, dash, width }: { color: string; dash?: string; width: number }) {
  return (
    <svg width="36" height="12" viewBox="0 0 36 12" aria-hidden="true" focusable="false">
      <line
        x1="2"
        y1="6"
        x2="34"
        y2="6"
        stroke={color}
        strokeWidth={width}
        strokeDasharray={dash}
      />
    </svg>
  );
}

/** What the map's shapes, colours and line styles mean. */
export function MapLegend({ showIdle, grouped }: { showIdle: boolean; grouped?: boolean }) {
  return (
    <div className="legend">
      <h2 className="legend-title">Legend</h2>
      <ul>
        {Object.entries(TEAM_STYLES).map(([type, s]) => (
          <li key={type}>
            <Shape shape={s.shape} color={s.color} dashed={type === 'unknown'} /> {s.label}
          </li>
        ))}
        {grouped ? (
          <li>
            <svg width="24" height="20" viewBox="0 0 24 20" aria-hidden="true" focusable="false">
              <rect
                x="1"
                y="2"
                width="22"
                height="16"
                rx="3"
                fill="none"
                stroke="currentColor"
                strokeDasharray="3 2"
              />
            </svg>{' '}
            parent group (a bold name in brackets: a folded group, with its team count)
          </li>
        ) : null}
      </ul>
      <ul>
        <li>
          <Line color={EDGE_COLORS.unwired} dash="6 3" width={3} />{' '}
          <Term id="unwired">unwired</Term> need
        </li>
        <li>
          <Line color={EDGE_COLORS.wired} width={3} /> <Term id="wired">wired</Term> need
        </li>
        {showIdle ? (
          <li>
            <Line color={EDGE_COLORS.idle} dash="2 3" width={2} />{' '}
            <Term id="idle-interaction">declared, no shared work</Term>
          </li>
        ) : null}
        <li className="muted">
          Thicker line: more work in common (<Term id="weight">weight</Term>). Shape and colour:{' '}
          <Term id="team-type">team type</Term>.
        </li>
      </ul>
    </div>
  );
}
