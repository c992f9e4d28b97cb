import { useId, useRef } from 'react';
import type { BetCard, GoalView } from '../../../src/server/api-types.js';
import {
  type BetFilters,
  isDecided,
  NO_FILTERS,
  NO_GOAL,
  narrows,
  QUADRANT_CHOICES,
  type QuadrantChoice,
  quadrantChoice,
  STATUS_CHOICES,
  type StatusChoice,
  shortRef,
} from '../bets-filters.js';
import { useLabel } from './EntityLink.js';

const STATUS_WORDS: Record<StatusChoice, string> = {
  open: 'Open (active or proposed)',
  decided: 'Decided (won, lost, killed, inconclusive)',
  proposed: 'proposed',
  active: 'active',
  won: 'won',
  lost: 'lost',
  killed: 'killed',
  inconclusive: 'inconclusive',
};

const QUADRANT_WORDS: Record<QuadrantChoice, string> = {
  'quick-win': 'quick win',
  'big-bet': 'big bet',
  'fill-in': 'fill-in',
  'money-pit': 'money pit',
  unknown: 'impact unknown',
};

interface Option {
  value: string;
  label: string;
  count: number;
}

/** Options sorted by label, with the value the URL holds added when no option has it. */
function withCurrent(options: Option[], current: string | null): Option[] {
  const sorted = [...options].sort((a, b) => a.label.localeCompare(b.label));
  if (current !== null && !sorted.some((o) => o.value === current))
    sorted.push({ value: current, label: `${current} (not in the catalog)`, count: 0 });
  return sorted;
}

function countBy(bets: readonly BetCard[], keys: (bet: BetCard) => readonly string[]) {
  const counts = new Map<string, number>();
  for (const bet of bets)
    for (const key of new Set(keys(bet))) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

interface Props {
  bets: readonly BetCard[];
  goals: readonly GoalView[];
  filters: BetFilters;
  shown: number;
  onChange: (filters: BetFilters) => void;
}

/**
 * The board's filters as one form of native controls (keyboard-usable as they are): status,
 * goal, team (responsible for the bet or owning what it needs) and quadrant, each option with
 * how many bets it has; whether decided bets show on the matrix; how many bets are shown of
 * all; and a control that clears every filter.
 */
export function BetFilterBar({ bets, goals, filters, shown, onChange }: Props) {
  const id = useId();
  const first = useRef<HTMLSelectElement>(null);
  const teamLabel = useLabel();
  const set = (patch: Partial<BetFilters>) => onChange({ ...filters, ...patch });

  const statusCounts = countBy(bets, (b) => [b.status, isDecided(b.status) ? 'decided' : 'open']);
  const goalCounts = countBy(bets, (b) => [b.goal === null ? NO_GOAL : shortRef(b.goal)]);
  const goalOptions = withCurrent(
    goals.map((g) => ({
      value: shortRef(g.ref),
      label: g.label,
      count: goalCounts.get(shortRef(g.ref)) ?? 0,
    })),
    filters.goal === NO_GOAL ? null : filters.goal,
  );
  const teamRefs = [...new Set(bets.flatMap((b) => [...b.responsible, ...b.teamsNeeded]))];
  const teamCounts = countBy(bets, (b) => [...b.responsible, ...b.teamsNeeded].map(shortRef));
  const teamOptions = withCurrent(
    teamRefs.map((ref) => ({
      value: shortRef(ref),
      label: teamLabel(ref) ?? shortRef(ref),
      count: teamCounts.get(shortRef(ref)) ?? 0,
    })),
    filters.team,
  );
  const quadrantCounts = countBy(bets, (b) => [quadrantChoice(b.quadrant)]);
  const withoutGoal = goalCounts.get(NO_GOAL) ?? 0;

  const clear = () => {
    onChange(NO_FILTERS);
    first.current?.focus();
  };
  const anything = narrows(filters) || filters.showDecided;

  return (
    <search className="bet-filters card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="visually-hidden">
        Filter the bets
      </h2>
      <div className="bet-filter-fields">
        <div className="bet-filter">
          <label htmlFor={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            ref={first}
            value={filters.status ?? ''}
            onChange={(e) => set({ status: (e.target.value || null) as StatusChoice | null })}
          >
            <option value="">All statuses ({bets.length})</option>
            {STATUS_CHOICES.map((s) => (
              <option key={s} value={s}>
                {STATUS_WORDS[s]} ({statusCounts.get(s) ?? 0})
              </option>
            ))}
          </select>
        </div>
        <div className="bet-filter">
          <label htmlFor={`${id}-goal`}>Goal</label>
          <select
            id={`${id}-goal`}
            value={filters.goal ?? ''}
            onChange={(e) => set({ goal: e.target.value || null })}
          >
            <option value="">All goals</option>
            {goalOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label} ({o.count})
              </option>
            ))}
            {withoutGoal > 0 || filters.goal === NO_GOAL ? (
              <option value={NO_GOAL}>No goal ({withoutGoal})</option>
            ) : null}
          </select>
        </div>
        <div className="bet-filter">
          <label htmlFor={`${id}-team`}>Team</label>
          <select
            id={`${id}-team`}
            value={filters.team ?? ''}
            onChange={(e) => set({ team: e.target.value || null })}
          >
            <option value="">All teams</option>
            {teamOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label} ({o.count})
              </option>
            ))}
          </select>
        </div>
        <div className="bet-filter">
          <label htmlFor={`${id}-quadrant`}>Quadrant</label>
          <select
            id={`${id}-quadrant`}
            value={filters.quadrant ?? ''}
            onChange={(e) => set({ quadrant: (e.target.value || null) as QuadrantChoice | null })}
          >
            <option value="">All quadrants</option>
            {QUADRANT_CHOICES.map((q) => (
              <option key={q} value={q}>
                {QUADRANT_WORDS[q]} ({quadrantCounts.get(q) ?? 0})
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="bet-filter-foot">
        <label className="bet-filter-check">
          <input
            type="checkbox"
            checked={filters.showDecided}
            onChange={(e) => set({ showDecided: e.target.checked })}
          />{' '}
          Show decided bets on the matrix
        </label>
        <p className="bet-filter-count" role="status">
          Showing <strong>{shown}</strong> of {bets.length} {bets.length === 1 ? 'bet' : 'bets'}
        </p>
        <button type="button" className="secondary small" onClick={clear} disabled={!anything}>
          Clear filters
        </button>
      </div>
    </search>
  );
}
