export * from './cusum.js';
export * from './drift-alerts.js';
export * from './drift-months.js';
export * from './drift-needs.js';
export * from './drift-series.js';
export type * from './drift-types.js';
export { DRIFT_TRAILING_WEEKS } from './drift-types.js';
