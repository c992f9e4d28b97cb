export * from './build-report.js';
export * from './drift-report.js';
export * from './headline-needs.js';
export * from './ingest-repositories.js';
