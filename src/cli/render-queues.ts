import type { QueueReport } from '../analysis/index.js';
import { columns, plural, ratio, short, wrap } from './render.js';

const days = (d: number | null): string => (d === null ? '–' : `${d}d`);

export function queuesTable(
  report: readonly QueueReport[],
  window: { since: string; until: string },
  /** Requests read from the exports, when known. */
  count?: number,
): string {
  const read = count === undefined ? '' : `${plural(count, 'request')} read; `;
  const out = [`Request queues — ${read}window ${window.since} to ${window.until}`];
  if (report.length === 0) return `${out[0]}\n  No request in the exports.\n`;
  out.push(
    columns([
      [
        'PROVIDER',
        'IN',
        'DONE',
        'OPEN',
        '>P85',
        'P50',
        'P85',
        'PROMISE',
        'BREACH',
        '/WEEK',
        'CLEARS',
        'ASKED BY',
      ],
      ...report.map((q) => [
        short(q.team),
        String(q.arrivals),
        String(q.completions),
        String(q.wip),
        String(q.aging.overP85),
        days(q.leadTime.p50),
        days(q.leadTime.p85),
        q.sla === null ? '–' : `${q.sla}d`,
        ratio(q.breachRate),
        String(q.throughput),
        clears(q),
        String(q.requesters.length),
      ]),
    ]),
  );
  out.push(
    wrap(
      "P50/P85: lead time from request to done, nearest rank, over the requests done in the window; >P85: open requests older than the P85; PROMISE: orgwire.dev/request-sla; /WEEK: done per week; CLEARS: weeks until the open requests are done at the window's rates of arrival and completion (never: as many arrive as are done).",
      '  ',
    ),
  );
  for (const q of report) {
    if (q.aging.overP85 > 0) {
      const oldest = q.aging.oldest
        .slice(0, 3)
        .map((r) => `${r.tracker.startsWith('github') ? `#${r.id}` : r.id} (${r.ageDays}d)`)
        .join(', ');
      out.push(
        wrap(
          `${short(q.team)}: ${plural(q.aging.overP85, 'open request')} older than the p85 lead time of ${days(q.leadTime.p85)}; the oldest ${oldest}.`,
          '  ',
        ),
      );
    }
    for (const remedy of q.remedies)
      out.push(wrap(`${short(q.team)} — ${remedy.kind}: ${remedy.why}`, '  '));
    if (q.backlogGrowing && !q.remedies.some((r) => r.kind === 'unstable')) {
      out.push(
        wrap(
          `${short(q.team)}: more requests arrived (${q.arrivals}) than were done (${q.completions}); the backlog grows.`,
          '  ',
        ),
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** The forecast in a cell: weeks until the backlog clears, `never`, or `–` when nothing is open. */
const clears = (q: QueueReport): string =>
  q.wip === 0 ? '–' : q.forecast.weeksToClear === null ? 'never' : `${q.forecast.weeksToClear}w`;

export function queuesMarkdown(report: readonly QueueReport[]): string {
  const out = [
    '## Request queues',
    '',
    '| Provider | Arrivals | Done | Open | Open past p85 | p50 | p85 | p95 | Promise | Breach rate | Done a week | Clears in | Requesters | Remedies |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const q of report) {
    out.push(
      `| ${short(q.team)} | ${q.arrivals} | ${q.completions} | ${q.wip} | ${q.aging.overP85} | ${days(q.leadTime.p50)} | ${days(q.leadTime.p85)} | ${days(q.leadTime.p95)} | ${q.sla === null ? '–' : `${q.sla}d`} | ${ratio(q.breachRate)} | ${q.throughput} | ${clears(q)} | ${q.requesters.map((r) => `${short(r.team)} ${ratio(r.share)}`).join(', ')} | ${q.remedies.map((r) => r.why).join(' ')} |`,
    );
  }
  return `${out.join('\n')}\n`;
}
