import {
  applyScenario,
  type Catalog,
  type Problem,
  type RequestRecord,
  type Scenario,
  scenarioRequests,
} from '../model/index.js';
import type { Report } from './build-report.js';
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
 * Tries scenarios on one organisation and one body of work (issue 14): `analyse` reports
 * the work (the commits, and the requests as given) under a catalog; today's analysis is
 * made once and kept, each scenario's under the catalog it leaves, with the requests
 * addressed as it says. Nothing is written.
 */
export function createWhatIf(
  today: { catalog: Catalog; requests: readonly RequestRecord[] },
  analyse: (catalog: Catalog, requests: readonly RequestRecord[]) => Promise<Report>,
): { before(): Promise<Report>; run(scenario: Scenario): Promise<WhatIfOutcome> } {
  const { catalog, requests } = today;
  let kept: Promise<Report> | undefined;
  const before = () => {
    kept ??= analyse(catalog, requests);
    return kept;
  };
  return {
    before,
    async run(scenario) {
      const sent = new Map<string, Map<string, number>>();
      for (const r of requests) {
        const row = sent.get(r.provider) ?? new Map<string, number>();
        row.set(r.requester, (row.get(r.requester) ?? 0) + 1);
        sent.set(r.provider, row);
      }
      const applied = applyScenario(catalog, scenario, {
        requestsTo: (provider) => sent.get(provider) ?? new Map(),
      });
      if (applied.problems.length > 0) return { problems: applied.problems };
      const [was, is] = await Promise.all([
        before(),
        analyse(applied.catalog, scenarioRequests(requests, applied.renamed, applied.embedded)),
      ]);
      return {
        result: {
          scenario: scenario.name,
          before: was,
          after: is,
          changes: whatIfChanges(
            { report: was, catalog },
            { report: is, catalog: applied.catalog },
            applied.renamed,
          ),
          catalog: applied.catalog,
        },
      };
    },
  };
}
