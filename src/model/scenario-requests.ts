import type { RequestRecord } from './evidence.js';

/**
 * The requests as a scenario leaves them (issue 14): each team that went is followed to the
 * team that took its place (`renamed`); a request from a team that took an embedded provider
 * in no longer queues there, and neither does one whose requester and provider are now the
 * same team: that work is the team's own.
 */
export function scenarioRequests(
  requests: readonly RequestRecord[],
  renamed: ReadonlyMap<string, string>,
  embedded: readonly { provider: string; into: readonly string[] }[],
): RequestRecord[] {
  const heir = (team: string) => renamed.get(team) ?? team;
  const takenIn = new Map(embedded.map((e) => [e.provider, new Set(e.into.map(heir))]));
  const kept: RequestRecord[] = [];
  for (const r of requests) {
    const requester = heir(r.requester);
    const provider = heir(r.provider);
    if (requester === provider || takenIn.get(r.provider)?.has(requester)) continue;
    kept.push(
      requester === r.requester && provider === r.provider ? r : { ...r, requester, provider },
    );
  }
  return kept;
}

/**
 * The requests each providing team received, by requesting team: what `embed` shares the
 * provider's people out by (`ScenarioEvidence.requestsTo`).
 */
export function requestsTo(
  requests: readonly RequestRecord[],
): (provider: string) => ReadonlyMap<string, number> {
  const sent = new Map<string, Map<string, number>>();
  for (const r of requests) {
    const row = sent.get(r.provider) ?? new Map<string, number>();
    row.set(r.requester, (row.get(r.requester) ?? 0) + 1);
    sent.set(r.provider, row);
  }
  return (provider) => sent.get(provider) ?? new Map();
}
