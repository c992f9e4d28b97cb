export type * from './api-types.js';
export { type AppDeps, createApp } from './app.js';
export { type Authorizer, createAuthorizer, hashToken, newToken } from './auth.js';
export {
  answerRequests,
  type Channel,
  type Connection,
  type Forwarder,
  forwardRequests,
  portChannel,
  processChannel,
} from './forward.js';
export { type HostPolicy, hostGuard, isLoopbackAddress } from './host-guard.js';
export { type Listening, listen } from './listen.js';
export {
  createPeriods,
  DEFAULT_PERIODS_KEPT,
  type Period,
  type Periods,
  periodOf,
} from './periods.js';
export { Radiator, type RadiatorInput } from './radiator.js';
export {
  createRefresher,
  type RefreshControl,
  type Refresher,
  type RefresherOptions,
} from './refresher.js';
export { createSwitchboard, type FetchHandler, type Switchboard } from './switchboard.js';
export { scenarioDocument } from './what-if-view.js';
