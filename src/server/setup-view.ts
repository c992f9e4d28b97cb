import type { Catalog } from '../model/index.js';
import type { Report } from '../usecases/index.js';
import type { Coverage, SetupStep, SetupView } from './api-types.js';
import { summarize } from './labels.js';

/** A rule deciding at least this share of the files at HEAD is a catch-all. */
export const CATCH_ALL_SHARE = 0.8;
/** Fewer files than this say nothing about how ownership is split. */
const CATCH_ALL_MIN_FILES = 5;

/**
 * What orgwire could and could not see of the organisation, and the next step for each gap
 * (issue 15): no catalog, nobody named, one rule owning everything, fewer than two teams, no
 * request queue. A first run on a repository nobody prepared says what to do, not that every
 * need is wired.
 */
export function setupView(report: Report, catalog: Catalog, coverage: Coverage): SetupView {
  const fromCatalog = catalog.groups.filter((g) => g.declaredBy === undefined).length;
  const fromFiles = catalog.groups.length - fromCatalog;
  const inferred = report.teams.filter((t) => t.inferred).length;
  const top = [...report.ownership.components].sort((a, b) => b.files - a.files)[0];
  // Named as the rule writes it (`@acme/everyone`), which may match no team of the catalog.
  const named =
    top?.declaredOwners.join(', ') || (top?.owner && summarize(catalog, top.owner).label);
  const catchAll =
    top &&
    named &&
    report.ownership.files >= CATCH_ALL_MIN_FILES &&
    top.files / report.ownership.files >= CATCH_ALL_SHARE
      ? {
          component: top.ref,
          owner: top.owner,
          label: named,
          share: Math.round((top.files / report.ownership.files) * 1000) / 1000,
        }
      : null;
  const steps: SetupStep[] = [];
  if (fromCatalog === 0 && catalog.users.length === 0)
    steps.push({
      id: 'catalog',
      title: 'Describe your teams and people',
      text: `orgwire read no catalog, so the teams here come ${fromFiles > 0 ? 'from the ownership files (CODEOWNERS, OWNERS, MAINTAINERS)' : inferred > 0 ? 'from the work itself (people who change the same things)' : 'from nowhere'} and nobody is named. A catalog of Groups and Users (Backstage YAML) says who is in which team: write a starter one with this command, and read it with \`--catalog\`.`,
      command: 'orgwire init',
      link: null,
    });
  else if (catalog.users.length === 0)
    steps.push({
      id: 'people',
      title: 'Name the people',
      text: 'The catalog names no User, so no commit is credited to a team. `orgwire identities` suggests a User for every author.',
      command: 'orgwire identities',
      link: '/data-quality',
    });
  if (catchAll)
    steps.push({
      id: 'catch-all',
      title: 'Split the catch-all owner',
      text: `One rule gives ${Math.round(catchAll.share * 100)} % of the files to ${catchAll.label}, so orgwire cannot tell which team owns what. Give folders their own owners (in CODEOWNERS, or components with orgwire.dev/paths in the catalog).`,
      command: 'orgwire owners --check',
      link: '/data-quality',
    });
  if (report.teams.length < 2)
    steps.push({
      id: 'one-team',
      title: report.teams.length === 0 ? 'No team yet' : 'Only one team',
      text: `With ${report.teams.length === 0 ? 'no team' : 'one team'} there is nothing to coordinate between teams: needs, congruence and the org map need at least two.`,
      command: null,
      link: null,
    });
  if (report.queues.length === 0)
    steps.push({
      id: 'requests',
      title: 'Add the request queues',
      text: 'No request export was read, so queues and the waits bets face are unknown. Pass `--requests` with an export from Jira, Linear, GitHub issues or a plain CSV.',
      command: 'orgwire serve --requests requests.csv',
      link: null,
    });
  return {
    teams: {
      count: report.teams.length,
      catalog: fromCatalog,
      ownershipFiles: fromFiles,
      inferred,
    },
    people: catalog.users.length,
    coverage: coverage.share,
    queues: report.queues.length,
    catchAll,
    steps,
  };
}
