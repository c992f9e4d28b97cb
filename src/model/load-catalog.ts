import { buildCatalog, type Catalog } from './build-catalog.js';
import { type CatalogFile, parseCatalog } from './parse-catalog.js';
import { type Problem, sortProblems } from './problem.js';

export interface LoadedCatalog {
  catalog: Catalog;
  /** Errors, warnings and notes in reading order. Any error makes the catalog unusable. */
  problems: Problem[];
  files: number;
}

/** Parses and checks a whole catalog, reporting every problem at once. */
export function loadCatalog(files: readonly CatalogFile[]): LoadedCatalog {
  const parsed = parseCatalog(files);
  const built = buildCatalog(parsed);
  return {
    catalog: built.catalog,
    problems: sortProblems([...parsed.problems, ...built.problems]),
    files: files.length,
  };
}
