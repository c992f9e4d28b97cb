export * from './build-report.js';
export * from './drift-cache.js';
export * from './drift-report.js';
export * from './headline-needs.js';
export * from './ingest-repositories.js';
export * from './suggest-boundaries.js';
export * from './what-if.js';
export * from './what-if-changes.js';
