import { useId, useState } from 'react';
import type { BetCard } from '../../../src/server/api-types.js';
import { isDecided } from '../bets-filters.js';
import { BetRow } from './BetRow.js';

/** Rows a group shows before "Show all": keeps a board of hundreds of bets a page long. */
export const ROWS_SHOWN = 20;

function BetGroup({
  title,
  bets,
  numbers,
}: {
  title: string;
  bets: readonly BetCard[];
  numbers: ReadonlyMap<string, number>;
}) {
  const id = useId();
  const [all, setAll] = useState(false);
  if (bets.length === 0) return null;
  const shown = all ? bets : bets.slice(0, ROWS_SHOWN);
  return (
    <section className="bet-group" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        {title} <span className="muted">({bets.length})</span>
      </h3>
      <ul className="bet-rows">
        {shown.map((bet) => (
          <BetRow key={bet.ref} bet={bet} n={numbers.get(bet.ref) ?? 0} />
        ))}
      </ul>
      {bets.length > shown.length ? (
        <button type="button" className="secondary small" onClick={() => setAll(true)}>
          Show all {bets.length} {title.toLowerCase()}
        </button>
      ) : null}
    </section>
  );
}

/**
 * The bets that pass the filters as compact rows, open ones (active or proposed) first, then
 * decided ones, each group in the catalog's order and cut to {@link ROWS_SHOWN} rows until
 * asked for all.
 */
export function BetList({
  bets,
  numbers,
}: {
  bets: readonly BetCard[];
  numbers: ReadonlyMap<string, number>;
}) {
  return (
    <div className="bet-list">
      <BetGroup
        title="Open bets"
        bets={bets.filter((b) => !isDecided(b.status))}
        numbers={numbers}
      />
      <BetGroup
        title="Decided bets"
        bets={bets.filter((b) => isDecided(b.status))}
        numbers={numbers}
      />
    </div>
  );
}
