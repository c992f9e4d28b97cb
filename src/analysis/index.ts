export * from './analyze-wiring.js';
export * from './change-coupling.js';
export * from './commit-facts.js';
export * from './coordination.js';
export * from './identity-tally.js';
export * from './infer-teams.js';
export * from './summarize-ownership.js';
export * from './window.js';
