import type { BetsReport } from '../analysis/index.js';
import { columns, ratio as pct, plural, short, truncate, wrap } from './render.js';

const fixed = (x: number | null): string => (x === null ? '–' : x.toFixed(2));

/** The bets board, calibration and review queue for a terminal, in 80 columns. */
export function renderBetsTable(report: BetsReport): string {
  const out: string[] = [];
  out.push(`Bets (${report.bets.length}) — impact × feasibility`);
  if (report.bets.length === 0) {
    out.push(
      wrap(
        'No bets in the catalog. A Bet names its goal, one accountable person, the responsible teams, what it needs to change and its called shot.',
        '  ',
      ),
    );
    return `${out.join('\n')}\n`;
  }
  const order = { active: 0, proposed: 1, won: 2, lost: 3, killed: 4, inconclusive: 5 } as Record<
    string,
    number
  >;
  const bets = [...report.bets].sort(
    (a, b) =>
      (order[a.status] ?? 9) - (order[b.status] ?? 9) ||
      b.handoffs - a.handoffs ||
      a.name.localeCompare(b.name),
  );
  out.push(
    columns([
      ['BET', 'STATUS', 'HANDOFFS', 'FEAS.', 'IMPACT', 'QUADRANT'],
      ...bets.map((b) => [
        truncate(b.name, 22),
        b.overdue ? 'OVERDUE' : b.status,
        `${b.handoffs} ${b.independence}`,
        fixed(b.feasibility),
        fixed(b.impact),
        b.quadrant ?? '–',
      ]),
    ]),
  );
  out.push(
    wrap(
      'HANDOFFS: teams outside the responsible ones that own what the bet needs; FEAS.: 0.85 per wired handoff, 0.7 per unwired; IMPACT: the shot\u2019s movement as a share of its goal\u2019s gap.',
      '  ',
    ),
  );
  const checkbox = report.bets.filter((b) => b.independence === 'checkbox');
  for (const b of checkbox) {
    out.push(
      wrap(
        `${b.name} is a checkbox project: it waits on ${plural(b.handoffs, 'team')} (${b.external.map((e) => short(e.team)).join(', ')}).`,
        '  ',
      ),
    );
  }

  const c = report.calibration;
  out.push('', 'Calibration — how often called shots land');
  out.push(
    wrap(
      c.decided === 0
        ? 'No decided bet with an outcome yet.'
        : `${c.hits} of ${plural(c.decided, 'decided shot')} hit (${pct(c.rate)})${c.brier === null ? '' : `; Brier score ${fixed(c.brier)} (0 is perfect, 0.25 is a coin toss)`}.`,
      '  ',
    ),
  );
  const teams = c.teams.filter((t) => t.decided > 0);
  if (teams.length > 0) {
    out.push(
      columns(
        [
          ['TEAM', 'DECIDED', 'HITS', 'RATE', 'BRIER'],
          ...teams.map((t) => [
            short(t.team),
            String(t.decided),
            String(t.hits),
            pct(t.rate),
            fixed(t.brier),
          ]),
        ],
        '    ',
      ),
    );
  }

  const r = report.review;
  out.push('', 'Review queue');
  const lines = [
    r.overdue.length > 0
      ? `Past their decide-by date: ${r.overdue.map(short).join(', ')} — continue with a new shot, kill, or record what was learned.`
      : 'No bet is past its decide-by date.',
    r.goalsWithoutActiveBet.length > 0
      ? `Goals no active bet serves: ${r.goalsWithoutActiveBet.map(short).join(', ')}.`
      : 'Every goal has an active bet.',
    r.stalled === null
      ? 'Stalled bets: pass --repo to see which active bets\u2019 components saw no commit.'
      : r.stalled.length > 0
        ? `Active bets whose components saw no commit in the window: ${r.stalled.map(short).join(', ')}.`
        : 'Every active bet\u2019s components changed in the window.',
  ];
  for (const line of lines) out.push(wrap(line, '  '));
  return `${out.join('\n')}\n`;
}
