import type { RequestRecord } from '../model/index.js';
import type { RequestAmendment } from './request-types.js';

/**
 * Applies amendments to the requests they name (by tracker and id): `requests` are the
 * requests given, each named one with the amendment's provider (a copy: nothing given is
 * changed); `amended` only those; `unmatched` the amendments that name no request given.
 */
export function amendRequests(
  requests: readonly RequestRecord[],
  amendments: readonly RequestAmendment[],
): { requests: RequestRecord[]; amended: RequestRecord[]; unmatched: RequestAmendment[] } {
  const byTicket = new Map(amendments.map((a) => [`${a.tracker}\n${a.id}`, a]));
  const used = new Set<RequestAmendment>();
  const amended: RequestRecord[] = [];
  const all = requests.map((request) => {
    const amendment = byTicket.get(`${request.tracker}\n${request.id}`);
    if (amendment === undefined) return request;
    used.add(amendment);
    const changed = { ...request, provider: amendment.provider };
    amended.push(changed);
    return changed;
  });
  return { requests: all, amended, unmatched: amendments.filter((a) => !used.has(a)) };
}
