import { useId } from 'react';
import { Link } from 'react-router';
import type { CoordinationMap } from '../../../src/server/api-types.js';
import { num, refTarget } from '../format.js';
import type { DrawnMap } from '../map-model.js';
import './map-controls.css';

/** How many of the strongest needs a map draws unless asked: a big organisation's strongest first. */
export const DEFAULT_TOP = 50;
const TOPS = [10, 25, 50, 100, 200] as const;

/** What the map draws, as the page's URL says (`top`, `min`, `focus`, `groups`, `fold`). */
export interface MapSettings {
  top: number | null;
  minWeight: number;
  focus: string | null;
  /** Teams gather in their parent groups' boxes. */
  grouped: boolean;
  /** Whether any team has a parent group to gather in. */
  groupable: boolean;
  folded: string[];
}

export function mapSettings(params: URLSearchParams, data: CoordinationMap): MapSettings {
  const top = params.get('top');
  const min = Number(params.get('min'));
  const focus = params.get('focus');
  const groupable = data.teams.some((t) => t.parent !== null);
  return {
    top: top === 'all' ? null : Number(top) > 0 ? Math.floor(Number(top)) : DEFAULT_TOP,
    minWeight: Number.isFinite(min) && min > data.minWeight ? min : data.minWeight,
    focus: focus !== null && data.teams.some((t) => t.ref === focus) ? focus : null,
    grouped: groupable && params.get('groups') !== '0',
    groupable,
    folded: (params.get('fold') ?? '').split(',').filter(Boolean),
  };
}

/**
 * The org map's controls: how many of the strongest needs, from which weight, one team and
 * its neighbours only, and the groups' boxes (folded or not).
 */
export function MapControls({
  data,
  settings,
  drawn,
  setParam,
  labelOf,
}: {
  data: CoordinationMap;
  settings: MapSettings;
  drawn: DrawnMap;
  setParam: (name: string, value: string | null) => void;
  labelOf: (ref: string) => string;
}) {
  const id = useId();
  const { top, minWeight, focus, grouped, groupable, folded } = settings;
  const weights = [...new Set(data.needs.map((n) => n.weight))].sort((a, b) => a - b);
  const step = Math.max(
    0,
    weights.findIndex((w) => w >= minWeight),
  );
  const groups = drawn.nodes.filter((n) => n.kind !== 'team');
  const teams = [...data.teams].sort((a, b) => a.label.localeCompare(b.label));
  const needsDrawn = drawn.edges.filter((e) => !e.idle).length;
  const neighbours = drawn.nodes.filter((n) => n.kind === 'team' && n.id !== focus).length;
  const focusTarget = focus ? refTarget(focus) : null;

  return (
    <div className="map-controls">
      <fieldset className="controls">
        <legend className="visually-hidden">How much to draw</legend>
        <label htmlFor={`${id}-top`}>
          Draw the strongest{' '}
          <select
            id={`${id}-top`}
            value={top === null ? 'all' : String(top)}
            onChange={(e) =>
              setParam('top', e.target.value === String(DEFAULT_TOP) ? null : e.target.value)
            }
          >
            {[...new Set([...TOPS, ...(top === null ? [] : [top])])]
              .sort((a, b) => a - b)
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            <option value="all">all</option>
          </select>{' '}
          needs
        </label>
        {weights.length > 1 ? (
          <label htmlFor={`${id}-min`} className="map-weight">
            of weight at least <strong>{num(weights[step] ?? minWeight)}</strong>
            <input
              id={`${id}-min`}
              type="range"
              min={0}
              max={weights.length - 1}
              step={1}
              value={step}
              aria-valuetext={`weight ${num(weights[step] ?? minWeight)} or more`}
              onChange={(e) => {
                const index = Number(e.target.value);
                setParam('min', index === 0 ? null : String(weights[index]));
              }}
            />
          </label>
        ) : null}
        <label htmlFor={`${id}-focus`}>
          Focus on{' '}
          <select
            id={`${id}-focus`}
            value={focus ?? ''}
            onChange={(e) => setParam('focus', e.target.value || null)}
          >
            <option value="">every team</option>
            {teams.map((t) => (
              <option key={t.ref} value={t.ref}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {groupable ? (
          <label htmlFor={`${id}-groups`}>
            <input
              id={`${id}-groups`}
              type="checkbox"
              checked={grouped}
              onChange={(e) => setParam('groups', e.target.checked ? null : '0')}
            />{' '}
            Box teams by their parent group
          </label>
        ) : null}
        {groups.length > 0 ? (
          <span className="map-fold">
            <button
              type="button"
              className="secondary small"
              disabled={groups.every((g) => g.kind === 'collapsed')}
              onClick={() =>
                setParam(
                  'fold',
                  [...new Set([...folded, ...groups.map((g) => ('group' in g ? g.group : ''))])]
                    .filter(Boolean)
                    .join(','),
                )
              }
            >
              Fold every group
            </button>
            <button
              type="button"
              className="secondary small"
              disabled={folded.length === 0}
              onClick={() => setParam('fold', null)}
            >
              Unfold all
            </button>
          </span>
        ) : null}
      </fieldset>
      <p className="map-status small" aria-live="polite">
        {focus
          ? `${labelOf(focus)} and the ${num(neighbours)} ${neighbours === 1 ? 'team' : 'teams'} it needs: ${num(needsDrawn)} ${needsDrawn === 1 ? 'line' : 'lines'}.`
          : `${num(needsDrawn)} ${needsDrawn === 1 ? 'line' : 'lines'} drawn${drawn.cut > 0 ? `, the strongest; the other ${num(drawn.cut)} ${drawn.cut === 1 ? 'need is' : 'needs are'} in the table below` : ''}.`}{' '}
        Click a team to focus on it, a line for its evidence
        {groups.length > 0 ? ', a group to fold it' : ''}; hover for weights.{' '}
        {focus ? (
          <>
            {focusTarget?.kind === 'page' ? (
              <Link to={focusTarget.to}>Open {labelOf(focus)}’s page</Link>
            ) : null}{' '}
            <button
              type="button"
              className="secondary small"
              onClick={() => setParam('focus', null)}
            >
              Show every team
            </button>
          </>
        ) : null}
      </p>
    </div>
  );
}
