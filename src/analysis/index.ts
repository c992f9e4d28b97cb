export * from './identity-tally.js';
export * from './summarize-ownership.js';
