import {
  applyScenario,
  type Catalog,
  type Problem,
  requestsTo,
  type Scenario,
  scenarioRequests,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import {
  type Report,
  type ReportOptions,
  type ReportSource,
  readWork,
  reportOfWork,
  rewireWork,
  type Work,
} from './build-report.js';
import { type WhatIfChanges, whatIfChanges } from './what-if-changes.js';

/** A scenario tried on the same work: both analyses and what changed. */
export interface WhatIfResult {
  scenario: string;
  before: Report;
  after: Report;
  changes: WhatIfChanges;
  /** The catalog as the scenario leaves it. */
  catalog: Catalog;
}

/** A scenario's outcome: its result, or why it does not apply to the catalog. */
export type WhatIfOutcome = { problems: Problem[] } | { result: WhatIfResult };

/**
 * Tries scenarios on one organisation and one body of work (issue 14): the window's work is
 * read once under today's catalog and reported on, and kept; each scenario's catalog gets
 * the same work decided again (`rewireWork`: who owns what, the teams' credit) and its own
 * report, with the requests addressed as the scenario says. Nothing is written.
 */
export function createWhatIf(
  store: Store,
  catalog: Catalog,
  repositories: readonly ReportSource[],
  options: ReportOptions = {},
): { before(): Promise<Report>; run(scenario: Scenario): Promise<WhatIfOutcome> } {
  const requests = options.requests ?? [];
  // What each provider received, by requester: what `embed` shares people by; the same work
  // for every scenario.
  const sent = requestsTo(requests);
  let kept: Promise<{ report: Report; work: Work }> | undefined;
  const analysed = () => {
    kept ??= (async () => {
      const work = await readWork(store, catalog, repositories, options);
      return { work, report: await reportOfWork(store, catalog, work, options) };
    })().catch((error: unknown) => {
      kept = undefined; // a failed read is not kept: the next request tries again
      throw error;
    });
    return kept;
  };
  return {
    before: async () => (await analysed()).report,
    async run(scenario) {
      const applied = applyScenario(catalog, scenario, { requestsTo: sent });
      if (applied.problems.length > 0) return { problems: applied.problems };
      const { report: was, work } = await analysed();
      const is = await reportOfWork(
        store,
        applied.catalog,
        await rewireWork(applied.catalog, work, repositories),
        { ...options, requests: scenarioRequests(requests, applied.renamed, applied.embedded) },
      );
      return {
        result: {
          scenario: scenario.name,
          before: was,
          after: is,
          changes: whatIfChanges(
            { report: was, catalog },
            { report: is, catalog: applied.catalog },
            { renamed: applied.renamed, left: applied.left, facts: work.facts },
          ),
          catalog: applied.catalog,
        },
      };
    },
  };
}
