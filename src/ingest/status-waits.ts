import { columnKey } from './column-key.js';

/** A status change: when, from what, to what. */
export interface StatusChange {
  at: number;
  from: string;
  to: string;
}

/**
 * When work started and how long a request waited, from its status changes (oldest first):
 * the status it was created in, and those named in `waiting` (by {@link columnKey}), are
 * waiting; `started` is the first change from a waiting status to another; `waited` adds up
 * the time in waiting statuses from `created` until `done` (returns to one counted again),
 * only once the request is done. Changes dated before `created` count from `created`.
 */
export function statusWaits(
  created: number,
  done: number | undefined,
  changes: readonly StatusChange[],
  waiting: ReadonlySet<string>,
): { started?: number; waited?: number } {
  const first = changes[0];
  if (first === undefined) return {};
  const waits = new Set([...waiting, columnKey(first.from)]);
  let status = columnKey(first.from);
  let since = created;
  let waited = 0;
  let started: number | undefined;
  const end = done ?? Number.POSITIVE_INFINITY;
  for (const change of changes) {
    const at = Math.min(Math.max(change.at, created), end);
    if (waits.has(status)) waited += at - since;
    const to = columnKey(change.to);
    if (started === undefined && waits.has(status) && !waits.has(to) && change.at <= end)
      started = Math.max(change.at, created);
    status = to;
    since = at;
  }
  if (done !== undefined && waits.has(status)) waited += done - since;
  return {
    ...(started === undefined ? {} : { started }),
    ...(done === undefined ? {} : { waited }),
  };
}
