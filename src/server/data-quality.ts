import { COVERAGE_LIFTERS, COVERAGE_WARNING } from '../analysis/index.js';
import type { Catalog, DeadRule } from '../model/index.js';
import type { Report } from '../usecases/index.js';
import type { Coverage, DataQuality, RuleFinding, UnmatchedAuthor } from './api-types.js';
import { summarize } from './labels.js';

/** Every unmatched author, with their suggested User named as the pages show it. */
export function unmatchedAuthors(report: Report, catalog: Catalog): UnmatchedAuthor[] {
  return report.identities.unmatched.map((u) => ({
    name: u.name,
    email: u.email,
    commits: u.commits,
    suggestion: u.suggestion
      ? {
          ...summarize(catalog, u.suggestion.user),
          score: u.suggestion.score,
          why: u.suggestion.why,
        }
      : null,
  }));
}

/**
 * Coverage as every headline shows it. The unmatched authors come most commits first, so
 * the first few are the ones whose commits would lift coverage most once they are Users or
 * aliases (as `orgwire analyze` names them).
 */
export function coverageView(report: Report, unmatched: readonly UnmatchedAuthor[]): Coverage {
  const ids = report.identities;
  return {
    share: ids.coverage,
    peopleCommits: ids.peopleCommits,
    creditedCommits: ids.creditedCommits,
    botCommits: ids.botCommits,
    warnBelow: COVERAGE_WARNING,
    warning: ids.coverage !== null && ids.coverage < COVERAGE_WARNING,
    lifters: unmatched.slice(0, COVERAGE_LIFTERS),
    unmatchedAuthors: unmatched.length,
  };
}

/** `GET /api/data-quality`: what keeps the figures from being true, built once per report. */
export function dataQualityView(
  report: Report,
  catalog: Catalog,
  unmatched: UnmatchedAuthor[],
  coverage: Coverage,
): DataQuality {
  const { ownership, ignored } = report;
  return {
    window: report.window,
    coverage,
    unmatched,
    ignored: {
      patterns: [...ignored.patterns]
        .map((p) => ({ pattern: p.pattern, source: p.source, files: p.files }))
        .sort((a, b) => b.files - a.files),
      files: ignored.files,
      commits: ignored.commits,
    },
    unresolvedOwners: ownership.unresolvedOwners,
    deadRules: ownership.deadRules.map(ruleFinding),
    shadowedRules: ownership.shadowedRules.map(ruleFinding),
    componentsWithoutFiles: ownership.componentsWithoutFiles.map((ref) => summarize(catalog, ref)),
    ownerlessComponents: ownership.ownerlessComponents.map((ref) => summarize(catalog, ref)),
    unownedPaths: [...ownership.unownedPaths].sort(
      (a, b) =>
        b.files - a.files || a.repo.localeCompare(b.repo) || a.folder.localeCompare(b.folder),
    ),
  };
}

/** A dead or shadowed rule as the page lists it. */
function ruleFinding(rule: DeadRule): RuleFinding {
  return {
    file: rule.file,
    line: rule.line,
    pattern: rule.pattern,
    owners: rule.owners,
    why: rule.message,
    hint: rule.hint,
  };
}
