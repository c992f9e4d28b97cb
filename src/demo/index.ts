export { buildDemoRepo } from './build-demo-repo.js';
export {
  DEMO_CODEOWNERS,
  DEMO_END_DATE,
  DEMO_MAILMAP,
  type DemoChange,
  type DemoCommit,
  type DemoPerson,
  demoHistory,
} from './demo-history.js';
export { DEMO_CATALOG, DEMO_CONFIG, DEMO_REQUESTS, ensureDemoRepo } from './demo-paths.js';
