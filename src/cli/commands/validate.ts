import { resolve } from 'node:path';
import { displayPath, readCatalogSources, readRepositoriesOwnership } from '../../ingest/index.js';
import { type Catalog, hasErrors, KINDS, loadCatalog } from '../../model/index.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { formatProblem, plural, problemCounts } from '../render.js';

export interface ValidateOptions {
  /** Catalog folders and team files. */
  catalog: string[];
  /** Repositories whose ownership files (OWNERS, MAINTAINERS, GitLab CODEOWNERS) to check too. */
  repos?: string[];
  format: OutputFormat;
}

/** Counts of the entities read, per kind, in the order orgwire lists kinds. */
export function entityCounts(catalog: Catalog): Record<string, number> {
  return Object.fromEntries(
    KINDS.map((kind) => [kind, catalog.entities.filter((e) => e.kind === kind).length]),
  );
}

/**
 * `orgwire validate`: every problem at once, of the catalog, its team files and the
 * ownership files of `--repo`; exit 2 on any error, 0 otherwise.
 */
export async function validate(io: Io, options: ValidateOptions): Promise<number> {
  const sources = await readCatalogSources(options.catalog, io.cwd);
  const repos = await readRepositoriesOwnership(
    (options.repos ?? []).map((r) => ({
      absolute: resolve(io.cwd, r),
      shownAs: displayPath(io.cwd, r),
    })),
  );
  const readings = [...repos.byDir.values()].flatMap((r) => r.readings);
  const { catalog, problems, files } = loadCatalog(sources.files, {
    files: sources.declared.files + readings.reduce((n, r) => n + r.files.length, 0),
    entities: [...sources.declared.entities, ...repos.entities],
    problems: [
      ...sources.declared.problems,
      ...readings.flatMap((r) =>
        r.problems.map(({ file, line, severity, code, message, hint }) => ({
          file,
          line,
          column: 1,
          severity,
          code,
          message,
          hint,
        })),
      ),
    ],
  });
  const valid = !hasErrors(problems);
  if (options.format === 'json') {
    writeJson(io, { valid, files: files, entities: entityCounts(catalog), problems });
    return valid ? 0 : 2;
  }
  for (const problem of problems) io.out(`${formatProblem(problem)}\n`);
  if (problems.length > 0) io.out('\n');
  const counts = Object.entries(entityCounts(catalog))
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  if (valid) {
    io.out(
      `✓ ${plural(files, 'file')} read: ${counts || 'no entities'}. ${problemCounts(problems)}.\n`,
    );
    if (files === 0)
      io.out('  The folder has no *.yaml files. Run `orgwire init` to create a starter catalog.\n');
  } else {
    io.out(`✗ ${problemCounts(problems)} in ${plural(files, 'file')}. Fix them and run again.\n`);
  }
  return valid ? 0 : 2;
}
