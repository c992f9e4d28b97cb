import { type DragEvent, useState } from 'react';
import type { WhatIfMap, WhatIfTeam } from '../../../src/server/api-types.js';
import { num, refTarget } from '../format.js';
import { TEAM_STYLES } from './OrgMapGraph.js';

/** What is being dragged: a person out of one team, or a component. */
export type Dragged =
  | { kind: 'person'; ref: string; from: string }
  | { kind: 'component'; ref: string; from: string };

const DRAG_TYPE = 'application/x-orgwire-what-if';

/** What an ownership rule or an API is called, and what it is, for a chip that cannot move. */
function fixed(c: { ref: string; label: string }): { name: string; detail: string } {
  const target = refTarget(c.ref);
  return target.kind === 'text' && target.detail
    ? { name: target.name, detail: target.detail }
    : { name: c.label, detail: 'an API' };
}

interface Props {
  map: WhatIfMap;
  /** A person or a component dropped onto a team. */
  onMove: (what: Dragged, to: string) => void;
}

/**
 * The teams as the scenario leaves them, each with its people and what it owns: drag a
 * person or a component onto another team. (The forms beside it do the same by keyboard.)
 */
export function WhatIfBoard({ map, onMove }: Props) {
  const [over, setOver] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLowerCase();
  const teams = q
    ? map.teams.filter(
        (t) =>
          t.label.toLowerCase().includes(q) ||
          t.members.some((m) => m.label.toLowerCase().includes(q)) ||
          t.components.some((c) => c.label.toLowerCase().includes(q)),
      )
    : map.teams;

  const start = (what: Dragged) => (event: DragEvent) => {
    event.dataTransfer.setData(DRAG_TYPE, JSON.stringify(what));
    event.dataTransfer.effectAllowed = 'move';
  };
  const drop = (team: WhatIfTeam) => (event: DragEvent) => {
    event.preventDefault();
    setOver(null);
    const text = event.dataTransfer.getData(DRAG_TYPE);
    if (!text) return;
    const what = JSON.parse(text) as Dragged;
    if (what.from !== team.ref) onMove(what, team.ref);
  };
  const accepts = (team: WhatIfTeam) => (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (over !== team.ref) setOver(team.ref);
  };

  return (
    <div className="what-if-board">
      {map.teams.length > 12 ? (
        <div className="filter">
          <label htmlFor="what-if-filter">Show teams with</label>
          <input
            id="what-if-filter"
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="a team, a person, a component"
          />
        </div>
      ) : null}
      <ul className="what-if-teams" aria-label="Teams as the scenario leaves them">
        {teams.map((team) => (
          <li
            key={team.ref}
            className={`what-if-team${over === team.ref ? ' is-over' : ''}`}
            data-team={team.ref}
            onDragOver={accepts(team)}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(null);
            }}
            onDrop={drop(team)}
          >
            <h3>
              <span
                className="type-mark"
                style={{ background: TEAM_STYLES[team.teamType ?? 'unknown'].color }}
                aria-hidden="true"
              />
              {team.label}
            </h3>
            <p className="muted small">
              {team.teamType ?? 'type not declared'} · {num(team.members.length)}{' '}
              {team.members.length === 1 ? 'person' : 'people'} · {num(team.commits)} commits
            </p>
            {team.members.length > 0 ? (
              <ul className="chips" aria-label={`${team.label}: people`}>
                {team.members.map((m) => (
                  <li
                    key={m.ref}
                    className="chip chip-person"
                    draggable
                    onDragStart={start({ kind: 'person', ref: m.ref, from: team.ref })}
                    title={`Drag ${m.label} onto another team`}
                  >
                    {m.label}
                  </li>
                ))}
              </ul>
            ) : null}
            {team.components.length > 0 ? (
              <ul className="chips" aria-label={`${team.label}: what it owns`}>
                {team.components.map((c) =>
                  c.kind === 'component' ? (
                    <li
                      key={c.ref}
                      className="chip chip-component"
                      draggable
                      onDragStart={start({ kind: 'component', ref: c.ref, from: team.ref })}
                      title={`Drag ${c.label} onto another team`}
                    >
                      {c.label}
                    </li>
                  ) : (
                    <li
                      key={c.ref}
                      className="chip chip-fixed"
                      title={`${fixed(c).detail}: it moves with its file, not here`}
                    >
                      {fixed(c).name}
                    </li>
                  ),
                )}
              </ul>
            ) : (
              <p className="muted small">Owns nothing.</p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
