import type { CoordinationNeed } from '../analysis/index.js';
import type { Report } from './build-report.js';

/**
 * Needs lighter than this are kept in the JSON but left out of the headline, the overview
 * and the org map: a weight of 1 is one commit on one side, a stray change.
 */
export const DEFAULT_MIN_WEIGHT = 2;

/**
 * The unwired needs a headline shows — those weighing at least `coordination.minWeight`,
 * in the report's order — and how many lighter unwired needs were left out of it. Every
 * surface (the CLI's table and Markdown, the radiator's overview and org map) leads with
 * these; the JSON keeps every need.
 */
export function headlineNeeds(report: Pick<Report, 'coordination'>): {
  shown: CoordinationNeed[];
  lighter: number;
} {
  const unwired = report.coordination.needs.filter((n) => !n.wired);
  const shown = unwired.filter((n) => n.weight >= report.coordination.minWeight);
  return { shown, lighter: unwired.length - shown.length };
}
