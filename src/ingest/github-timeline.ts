import { isObject, type Json } from './request-context.js';
import { parseRequestDate } from './request-dates.js';
import type { StatusChange } from './status-waits.js';

/** What makes work on a GitHub issue start (`requests.github.started`). */
export interface GithubStartRule {
  /** Someone is assigned. */
  assigned: boolean;
  /** One of these labels is on the issue, by {@link labelKey}. */
  labels: ReadonlySet<string>;
}

/** The in-progress labels when `requests.github.started.labels` is not set. */
export const DEFAULT_START_LABELS = ['in progress', 'status: in progress'];

/** A label as compared with the in-progress labels: case aside, and `-`, `_` and spaces all one. */
export const labelKey = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

export const WAITING = 'waiting';
export const IN_PROGRESS = 'in progress';

/**
 * An issue's timeline — the REST API's `GET /repos/O/R/issues/N/timeline` (or `/events`),
 * saved into the issue as `timeline` (or `events`) — as changes between two statuses,
 * `waiting` and `in progress`: an issue is in progress while someone is assigned (when
 * `rule.assigned`) or an in-progress label is on it, and waits otherwise, as it stands at
 * the end of each second (events of one second count together). Events without a date
 * (commits) and of other kinds are passed over. Undefined when the issue carries no
 * timeline.
 */
export function timelineChanges(issue: Json, rule: GithubStartRule): StatusChange[] | undefined {
  const events = Array.isArray(issue.timeline)
    ? issue.timeline
    : Array.isArray(issue.events)
      ? issue.events
      : undefined;
  if (events === undefined) return undefined;
  const dated = events
    .filter(isObject)
    .map((event) => ({ event, at: parseRequestDate(String(event.created_at ?? '')) }))
    .filter((e): e is { event: Json; at: number } => e.at !== undefined)
    // A stable sort: events of one second keep the API's order.
    .sort((a, b) => a.at - b.at);
  const assignees = new Set<string>();
  const labels = new Set<string>();
  const nameOf = (value: unknown, key: string): string =>
    isObject(value) && typeof value[key] === 'string' ? (value[key] as string) : '';
  const changes: StatusChange[] = [];
  let status = WAITING;
  dated.forEach(({ event, at }, index) => {
    const kind = event.event;
    if (kind === 'assigned' || kind === 'unassigned') {
      const login = nameOf(event.assignee, 'login').toLowerCase();
      if (kind === 'assigned') assignees.add(login);
      else assignees.delete(login);
    } else if (kind === 'labeled' || kind === 'unlabeled') {
      const label = labelKey(nameOf(event.label, 'name'));
      if (rule.labels.has(label)) {
        if (kind === 'labeled') labels.add(label);
        else labels.delete(label);
      }
    }
    // The status a second ends with: a label put on and taken off in one second (a click
    // undone) starts nothing.
    if (dated[index + 1]?.at === at) return;
    const now = (rule.assigned && assignees.size > 0) || labels.size > 0 ? IN_PROGRESS : WAITING;
    if (now !== status) changes.push({ at, from: status, to: now });
    status = now;
  });
  return changes;
}
