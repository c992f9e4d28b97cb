import { Link } from 'react-router';
import type { TrendAlert } from '../../../src/server/api-types.js';
import { alertSpan, alertTitle, alertValue, measureName, RULE_WORDS } from '../drift-words.js';
import { Badge } from './Badge.js';
import { EntityLink } from './EntityLink.js';

/** The anchor of an alert on the Trends page. */
export const alertAnchor = (alert: Pick<TrendAlert, 'id'>) => `alert-${alert.id}`;

/** "alert" or "watch", in words; the tint only repeats them. */
export function LevelBadge({ level }: { level: TrendAlert['level'] }) {
  return level === 'alert' ? <Badge tone="bad">alert</Badge> : <Badge tone="warn">watch</Badge>;
}

function Refs({ refs }: { refs: TrendAlert['teams'] }) {
  return (
    <>
      {refs.map((r, i) => (
        <span key={r.ref}>
          {i > 0 ? ', ' : null}
          <EntityLink entity={r.ref} label={r.label} />
        </span>
      ))}
    </>
  );
}

/**
 * One alert, folded to its rule, weeks and teams; opened, its evidence: what happened, the
 * teams (linked to their pages) and components it is about, the value against its baseline
 * and what the rule means. Opened at once when the address names it (`#alert-ID`).
 */
export function DriftAlertItem({ alert, open }: { alert: TrendAlert; open: boolean }) {
  const teams = alert.teams.map((t) => t.label).join(' + ');
  return (
    <li>
      <details id={alertAnchor(alert)} className="drift-alert" open={open}>
        <summary>
          <LevelBadge level={alert.level} /> <strong>{alertTitle(alert)}</strong>{' '}
          <span className="muted nowrap">{alertSpan(alert)}</span>
          {teams ? <span className="drift-alert-teams"> · {teams}</span> : null}
        </summary>
        <div className="drift-alert-body">
          <p>{alert.evidence}</p>
          <dl className="facts">
            {alert.teams.length > 0 ? (
              <>
                <dt>Teams</dt>
                <dd>
                  <Refs refs={alert.teams} />
                </dd>
              </>
            ) : null}
            {alert.components.length > 0 ? (
              <>
                <dt>Components</dt>
                <dd>
                  <Refs refs={alert.components} />
                </dd>
              </>
            ) : null}
            {alert.bets.length > 0 ? (
              <>
                <dt>Bets behind it?</dt>
                <dd>
                  <Refs refs={alert.bets} />{' '}
                  <span className="muted small">
                    (undecided bets that need{' '}
                    {alert.components.length === 1 ? 'this component' : 'these components'}: work
                    that may have brought the change)
                  </span>
                </dd>
              </>
            ) : null}
            <dt>Measure</dt>
            <dd>
              {measureName(alert.measure)}: {alertValue(alert.measure, alert.value)} in{' '}
              {alert.start}
              {alert.baseline === null ? null : (
                <>
                  , against {alertValue(alert.measure, alert.baseline)} usually (the median of the
                  weeks before)
                </>
              )}
            </dd>
            <dt>Rule</dt>
            <dd>
              <code>{alert.rule}</code>: {RULE_WORDS[alert.rule]?.fires ?? ''}
            </dd>
          </dl>
        </div>
      </details>
    </li>
  );
}

/** Alerts as expandable items; `openId` is opened (the one the address names). */
export function DriftAlertList({
  alerts,
  openId = null,
}: {
  alerts: readonly TrendAlert[];
  openId?: number | null;
}) {
  return (
    <ul className="drift-alerts">
      {alerts.map((a) => (
        <DriftAlertItem key={a.id} alert={a} open={a.id === openId} />
      ))}
    </ul>
  );
}

/** Alerts as short lines that link to their evidence on the Trends page (overview, team pages). */
export function DriftAlertLinks({ alerts }: { alerts: readonly TrendAlert[] }) {
  return (
    <ul className="stack">
      {alerts.map((a) => (
        <li key={a.id}>
          <p>
            <LevelBadge level={a.level} />{' '}
            <Link to={{ pathname: '/trends', hash: alertAnchor(a) }}>{alertTitle(a)}</Link>{' '}
            <span className="muted small nowrap">{alertSpan(a)}</span>
          </p>
          {a.teams.length > 0 ? (
            <p className="small">
              <Refs refs={a.teams} />
            </p>
          ) : null}
          <p className="small muted">{a.evidence}</p>
          {a.bets.length > 0 ? (
            <p className="small">
              Undecided bets that need these components: <Refs refs={a.bets} />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
