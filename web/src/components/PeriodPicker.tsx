import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import {
  compareIn,
  lastDays,
  type Period,
  periodIn,
  previousPeriod,
  rememberCompare,
  rememberedCompare,
  rememberedPeriod,
  rememberPeriod,
  searchWith,
  searchWithCompare,
} from '../period.js';
import { queries } from '../queries.js';
import './PeriodCompare.css';

const PRESETS = [30, 90, 365] as const;

/**
 * Which period every page shows: the radiator's own window, the last 30, 90 or 365 days up to
 * its last day, the period before the one shown, or any range; and whether to compare it with
 * the period before (the overview's headline figures side by side). Kept in the URL (a link
 * shows the same) and for the tab, so moving between pages keeps it.
 */
export function PeriodPicker() {
  const location = useLocation();
  const navigate = useNavigate();
  const id = useId();
  const own = useQuery(queries.own());
  const period = periodIn(location.search);
  const compare = compareIn(location.search);
  // Checked at once when clicked, before the URL (which it follows) says so.
  const [comparing, setComparing] = useState(compare);
  useEffect(() => setComparing(compare), [compare]);
  const [custom, setCustom] = useState<Period | null>(null);

  const choose = (next: Period | null) => {
    rememberPeriod(next);
    setCustom(null);
    void navigate({
      pathname: location.pathname,
      search: searchWith(location.search, next),
      hash: location.hash,
    });
  };
  const toggleCompare = (on: boolean) => {
    setComparing(on);
    rememberCompare(on);
    void navigate({
      pathname: location.pathname,
      search: searchWithCompare(location.search, on),
      hash: location.hash,
    });
  };
  const ownWindow = own.data?.window;
  const presets = ownWindow
    ? PRESETS.map((days) => ({ days, period: lastDays(days, ownWindow.until) }))
    : [];
  const selected = !period
    ? 'own'
    : (presets.find((p) => p.period.since === period.since && p.period.until === period.until)
        ?.days ?? 'custom');
  const shown = period ?? ownWindow;

  const onSelect = (value: string) => {
    if (value === 'own') choose(null);
    else if (value === 'custom') setCustom(shown ?? { since: '', until: '' });
    else {
      const preset = presets.find((p) => String(p.days) === value);
      if (preset) choose(preset.period);
    }
  };
  const onApply = (event: FormEvent) => {
    event.preventDefault();
    if (custom && custom.since !== '' && custom.until !== '' && custom.since <= custom.until)
      choose(custom);
  };

  return (
    <form className="period-picker" aria-label="Period" onSubmit={onApply}>
      <label htmlFor={`${id}-which`}>Period</label>
      <select
        id={`${id}-which`}
        value={custom ? 'custom' : String(selected)}
        onChange={(e) => onSelect(e.target.value)}
      >
        <option value="own">Analysis window</option>
        {presets.map((p) => (
          <option key={p.days} value={p.days}>
            Last {p.days} days
          </option>
        ))}
        <option value="custom">Another range…</option>
      </select>
      {shown ? (
        <span className="muted">
          <time dateTime={shown.since}>{shown.since}</time> to{' '}
          <time dateTime={shown.until}>{shown.until}</time>
        </span>
      ) : null}
      {shown ? (
        <button
          type="button"
          className="secondary small"
          onClick={() => choose(previousPeriod(shown))}
          title="The period of the same length just before"
        >
          ← The period before
        </button>
      ) : null}
      <label
        className="period-compare-toggle"
        title="On the overview: each headline figure beside the period before's"
      >
        <input
          type="checkbox"
          checked={comparing}
          onChange={(e) => toggleCompare(e.target.checked)}
        />{' '}
        Compare with the period before
      </label>
      {custom ? (
        <span className="period-range">
          <label htmlFor={`${id}-since`}>From</label>
          <input
            id={`${id}-since`}
            type="date"
            value={custom.since}
            max={custom.until || undefined}
            onChange={(e) => setCustom({ ...custom, since: e.target.value })}
            required
          />
          <label htmlFor={`${id}-until`}>to</label>
          <input
            id={`${id}-until`}
            type="date"
            value={custom.until}
            min={custom.since || undefined}
            onChange={(e) => setCustom({ ...custom, until: e.target.value })}
            required
          />
          <button type="submit">Show</button>
        </span>
      ) : null}
    </form>
  );
}

/**
 * Keeps the tab's period as the reader moves between pages: a page reached by a link
 * without one gets the period chosen last (a link with one, or the picker, sets it). The
 * comparison with the period before is kept the same way (the picker turns it off).
 */
export function usePeriodKept(): void {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    const named = periodIn(location.search);
    const compare = compareIn(location.search);
    if (named) rememberPeriod(named);
    if (compare) rememberCompare(true);
    const period = named ?? rememberedPeriod();
    const wanted = compare || rememberedCompare();
    if (period === named && wanted === compare) return;
    void navigate(
      {
        pathname: location.pathname,
        search: searchWithCompare(searchWith(location.search, period), wanted),
        hash: location.hash,
      },
      { replace: true },
    );
  }, [location.pathname, location.search, location.hash, navigate]);
}
