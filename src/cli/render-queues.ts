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
      ['PROVIDER', 'IN', 'DONE', 'OPEN', 'P50', 'P85', 'PROMISE', 'BREACH', 'ASKED BY'],
      ...report.map((q) => [
        short(q.team),
        String(q.arrivals),
        String(q.completions),
        String(q.wip),
        days(q.leadTime.p50),
        days(q.leadTime.p85),
        q.sla === null ? '–' : `${q.sla}d`,
        ratio(q.breachRate),
        String(q.requesters.length),
      ]),
    ]),
  );
  out.push(
    wrap(
      'P50/P85: lead time from request to done, nearest rank, over the requests done in the window; PROMISE: orgwire.dev/request-sla.',
      '  ',
    ),
  );
  for (const q of report) {
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

export function queuesMarkdown(report: readonly QueueReport[]): string {
  const out = [
    '## Request queues',
    '',
    '| Provider | Arrivals | Done | Open | p50 | p85 | p95 | Promise | Breach rate | Requesters | Remedies |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const q of report) {
    out.push(
      `| ${short(q.team)} | ${q.arrivals} | ${q.completions} | ${q.wip} | ${days(q.leadTime.p50)} | ${days(q.leadTime.p85)} | ${days(q.leadTime.p95)} | ${q.sla === null ? '–' : `${q.sla}d`} | ${ratio(q.breachRate)} | ${q.requesters.map((r) => `${short(r.team)} ${ratio(r.share)}`).join(', ')} | ${q.remedies.map((r) => r.why).join(' ')} |`,
    );
  }
  return `${out.join('\n')}\n`;
}
