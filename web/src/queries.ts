/** The react-query keys and fetchers every page shares, so writes can invalidate them. */
import { queryOptions } from '@tanstack/react-query';
import type { ScenarioDocument } from '../../src/server/api-types.js';
import { api } from './api.js';
import { currentPeriod, type Period } from './period.js';

/** Each period's answers are its own: the page's period is part of every read's key. */
const at = () => currentPeriod() ?? 'own';

/** The org map draws at most this many needs, the strongest (the API returns them first). */
export const MAP_EDGE_LIMIT = 1500;

export const queries = {
  // The overview is the radiator on the wall: it refreshes itself every five minutes.
  overview: () =>
    queryOptions({
      queryKey: ['overview', at()],
      queryFn: api.overview,
      refetchInterval: 5 * 60_000,
    }),
  // Another period's overview (the period before, to compare with): the same key as the
  // page's own overview when it shows that period.
  overviewOf: (period: Period) =>
    queryOptions({
      queryKey: ['overview', period],
      queryFn: () => api.overviewOf(period),
      refetchInterval: 5 * 60_000,
    }),
  teams: () =>
    queryOptions({ queryKey: ['teams', at()], queryFn: api.teams, staleTime: 5 * 60_000 }),
  team: (ns: string, name: string) =>
    queryOptions({ queryKey: ['team', ns, name, at()], queryFn: () => api.team(ns, name) }),
  grouping: (kind: 'system' | 'domain', ns: string, name: string) =>
    queryOptions({
      queryKey: [kind, ns, name],
      queryFn: () => api.grouping(kind, ns, name),
      staleTime: 5 * 60_000,
    }),
  component: (ns: string, name: string) =>
    queryOptions({
      queryKey: ['component', ns, name, at()],
      queryFn: () => api.component(ns, name),
    }),
  // Only unwired needs are cut on the server, so weaker unwired needs of a big org show too.
  coordination: (unwired: boolean) =>
    queryOptions({
      queryKey: ['coordination', MAP_EDGE_LIMIT, unwired, at()],
      queryFn: () => api.coordination(MAP_EDGE_LIMIT, unwired),
    }),
  bets: () => queryOptions({ queryKey: ['bets', at()], queryFn: api.bets }),
  bet: (ns: string, name: string) =>
    queryOptions({ queryKey: ['bet', ns, name, at()], queryFn: () => api.bet(ns, name) }),
  learnings: () => queryOptions({ queryKey: ['learnings', at()], queryFn: api.learnings }),
  queues: () => queryOptions({ queryKey: ['queues', at()], queryFn: api.queues }),
  chains: () => queryOptions({ queryKey: ['chains'], queryFn: api.chains }),
  // Names change only with the catalog: fetched once, for every link on every page.
  labels: () => queryOptions({ queryKey: ['labels'], queryFn: api.labels, staleTime: Infinity }),
  trends: () => queryOptions({ queryKey: ['trends'], queryFn: api.trends }),
  // The radiator's own window, newest commit and when the server read them: asked every
  // minute, since a server that refreshes reads them again (see useServerRefresh); every 10 s
  // while it measures the history, which fills in the Trends page when done.
  own: () =>
    queryOptions({
      queryKey: ['own'],
      queryFn: api.own,
      staleTime: 10_000,
      refetchInterval: (query) => (query.state.data?.measuring ? 10_000 : 60_000),
    }),
  dataQuality: () => queryOptions({ queryKey: ['data-quality', at()], queryFn: api.dataQuality }),
  whatIfStart: () =>
    queryOptions({ queryKey: ['whatif', 'start'], queryFn: api.whatIfStart, staleTime: Infinity }),
  whatIfScenarios: () =>
    queryOptions({
      queryKey: ['whatif', 'scenarios'],
      queryFn: api.whatIfScenarios,
      staleTime: Infinity,
    }),
  // Made once on the server (seconds to a minute); a failure is shown, not retried behind
  // the reader's back: they can try again.
  whatIfSuggestion: () =>
    queryOptions({
      queryKey: ['whatif', 'suggestion'],
      queryFn: api.whatIfSuggestion,
      staleTime: Infinity,
      retry: false,
    }),
  // Each scenario is an analysis on the server: kept, and not retried when refused.
  whatIf: (document: ScenarioDocument) =>
    queryOptions({
      queryKey: ['whatif', 'try', document],
      queryFn: () => api.whatIf(document),
      enabled: document.spec.changes.length > 0,
      staleTime: Infinity,
      retry: false,
    }),
  search: (q: string) =>
    queryOptions({ queryKey: ['search', q], queryFn: () => api.search(q), enabled: q !== '' }),
};
