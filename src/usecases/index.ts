export * from './build-report.js';
export * from './ingest-repositories.js';
