/**
 * The only place the radiator talks to the server: one typed function per route of
 * `/api` (see src/server/api-types.ts), the bearer token, and the API's errors.
 */
import type {
  ApiError,
  ApiErrorCode,
  BetPage,
  BetsBoard,
  ChainsView,
  Checkin,
  CheckinBody,
  ComponentPage,
  CoordinationMap,
  DataQuality,
  GroupingPage,
  Health,
  Labels,
  LearningBody,
  LearningList,
  LearningView,
  Overview,
  QueuesView,
  Reading,
  ReadingBody,
  ScenarioDocument,
  SearchResults,
  TeamList,
  TeamPage,
  TokenCheck,
  TrendsView,
  WhatIfAnswer,
  WhatIfRefusal,
  WhatIfScenarios,
  WhatIfStart,
  WhatIfSuggestion,
} from '../../src/server/api-types.js';

import { type Period, withPeriod } from './period.js';

const TOKEN_KEY = 'orgwire.token';

/** An answer that was not a success: the API's stable code and its sentence for people. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode | 'network';
  /** What a What-if refusal adds: the hint, the change at fault and the line of a YAML body. */
  readonly refusal: Omit<WhatIfRefusal['error'], 'code' | 'message'> | null;

  constructor(
    status: number,
    code: ApiErrorCode | 'network',
    message: string,
    refusal: ApiRequestError['refusal'] = null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.refusal = refusal;
  }
}

const listeners = new Set<() => void>();

function readStorage(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage can be switched off (private mode, policies): then no token is kept.
    return null;
  }
}

/** The token writes (and, on a guarded server, reads) are sent with; null when none is set. */
export function getToken(): string | null {
  const token = readStorage();
  return token && token.trim() !== '' ? token : null;
}

export function setToken(token: string | null): void {
  try {
    if (token === null || token.trim() === '') localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, token.trim());
  } catch {
    // Nothing to do: without storage the token cannot be kept.
  }
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the token changes (here or in another tab); returns the unsubscribe. */
export function subscribeToken(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === TOKEN_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function isApiError(body: unknown): body is ApiError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'message' in error && 'code' in error;
}

const FALLBACK: Record<number, ApiErrorCode> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  413: 'payload-too-large',
  429: 'rate-limited',
};

/** A body sent as it is, with its own type (a YAML file), rather than as JSON. */
interface RawBody {
  raw: string;
  type: string;
}

async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  raw?: RawBody,
  /** The token to send instead of the one kept (to check one before keeping it). */
  candidate?: string,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = candidate ?? getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const init: RequestInit = { method, headers };
  if (raw !== undefined) {
    headers['Content-Type'] = raw.type;
    init.body = raw.raw;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, init);
  } catch {
    throw new ApiRequestError(0, 'network', 'The orgwire server did not answer. Is it running?');
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (response.ok) return parsed as T;
  if (isApiError(parsed)) {
    const { code, message, ...refusal } = parsed.error as WhatIfRefusal['error'];
    throw new ApiRequestError(
      response.status,
      code,
      message,
      'hint' in refusal ? { hint: refusal.hint, change: refusal.change, line: refusal.line } : null,
    );
  }
  throw new ApiRequestError(
    response.status,
    FALLBACK[response.status] ?? 'internal',
    `The server answered ${response.status} ${response.statusText}.`.replace(' .', '.'),
  );
}

const seg = (s: string) => encodeURIComponent(s);

export const api = {
  health: () => request<Health>('GET', '/health'),
  /** Whose `token` is, when the server knows it; an ApiRequestError (401, 403) when not. */
  checkToken: (token: string) =>
    request<TokenCheck>('GET', '/token', undefined, undefined, token.trim()),
  overview: () => request<Overview>('GET', withPeriod('/overview')),
  /** The overview of `period`, whatever period the page shows (the comparison with the one before). */
  overviewOf: (period: Period) => request<Overview>('GET', withPeriod('/overview', period)),
  /**
   * The radiator's own window, whatever period the page shows (the period picker's presets),
   * and the day of the newest commit it knows.
   */
  own: async (): Promise<
    Pick<Overview, 'window' | 'dataAsOf' | 'readAt' | 'refreshEvery'> & { measuring: boolean }
  > => {
    const { window, dataAsOf, readAt, refreshEvery, drift } = await request<Overview>(
      'GET',
      '/overview',
    );
    return { window, dataAsOf, readAt, refreshEvery, measuring: drift.measuring };
  },
  teams: () => request<TeamList>('GET', withPeriod('/teams')),
  team: (ns: string, name: string) =>
    request<TeamPage>('GET', withPeriod(`/teams/${seg(ns)}/${seg(name)}`)),
  grouping: (kind: 'system' | 'domain', ns: string, name: string) =>
    request<GroupingPage>('GET', `/${kind}s/${seg(ns)}/${seg(name)}`),
  component: (ns: string, name: string) =>
    request<ComponentPage>('GET', withPeriod(`/components/${seg(ns)}/${seg(name)}`)),
  coordination: (limit: number, unwired: boolean) =>
    request<CoordinationMap>(
      'GET',
      withPeriod(`/coordination?limit=${limit}${unwired ? '&unwired=1' : ''}`),
    ),
  bets: () => request<BetsBoard>('GET', withPeriod('/bets')),
  bet: (ns: string, name: string) =>
    request<BetPage>('GET', withPeriod(`/bets/${seg(ns)}/${seg(name)}`)),
  learnings: () => request<LearningList>('GET', withPeriod('/learnings')),
  queues: () => request<QueuesView>('GET', withPeriod('/queues')),
  chains: () => request<ChainsView>('GET', '/chains'),
  labels: () => request<Labels>('GET', '/labels'),
  trends: () => request<TrendsView>('GET', '/trends'),
  dataQuality: () => request<DataQuality>('GET', withPeriod('/data-quality')),
  search: (q: string) => request<SearchResults>('GET', `/search?q=${encodeURIComponent(q)}`),
  whatIfStart: () => request<WhatIfStart>('GET', '/whatif'),
  whatIfScenarios: () => request<WhatIfScenarios>('GET', '/whatif/scenarios'),
  /** The boundaries the work implies: made on the server's first request for them (slow). */
  whatIfSuggestion: () => request<WhatIfSuggestion>('GET', '/whatif/suggestion'),
  /** A scenario tried on the work held fixed; nothing is written. */
  whatIf: (document: ScenarioDocument) => request<WhatIfAnswer>('POST', '/whatif', document),
  /** A scenario file as the user picked it: the server reads it as `orgwire whatif` would. */
  whatIfFile: (text: string) =>
    request<WhatIfAnswer>('POST', '/whatif', undefined, { raw: text, type: 'application/yaml' }),

  postCheckin: (ns: string, name: string, body: CheckinBody) =>
    request<Checkin>('POST', `/bets/${seg(ns)}/${seg(name)}/checkins`, body),
  postLearning: (body: LearningBody) => request<LearningView>('POST', '/learnings', body),
  postReading: (ns: string, name: string, body: ReadingBody) =>
    request<Reading>('POST', `/goals/${seg(ns)}/${seg(name)}/readings`, body),
};

const json = (path: string) => `/api${path}`;

/**
 * A read route as a link a person can open to see its JSON, as the functions above ask it:
 * with the page's period where the route takes one. On a server that guards reads the
 * browser is asked for no token, so the link answers 401 there; it is offered anyway.
 */
export const jsonLinks = {
  teams: () => json(withPeriod('/teams')),
  team: (ns: string, name: string) => json(withPeriod(`/teams/${seg(ns)}/${seg(name)}`)),
  grouping: (kind: 'system' | 'domain', ns: string, name: string) =>
    json(`/${kind}s/${seg(ns)}/${seg(name)}`),
  component: (ns: string, name: string) => json(withPeriod(`/components/${seg(ns)}/${seg(name)}`)),
  coordination: (limit: number, unwired: boolean) =>
    json(withPeriod(`/coordination?limit=${limit}${unwired ? '&unwired=1' : ''}`)),
  bets: () => json(withPeriod('/bets')),
  bet: (ns: string, name: string) => json(withPeriod(`/bets/${seg(ns)}/${seg(name)}`)),
  queues: () => json(withPeriod('/queues')),
  chains: () => json('/chains'),
  trends: () => json('/trends'),
  dataQuality: () => json(withPeriod('/data-quality')),
  whatIfSuggestion: () => json('/whatif/suggestion'),
};
