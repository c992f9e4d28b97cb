import { addDeclaredEntities } from './add-declared-entities.js';
import { buildCatalog, type Catalog } from './build-catalog.js';
import type { DeclaredEntities } from './declared-entities.js';
import { type CatalogFile, parseCatalog } from './parse-catalog.js';
import { type Problem, sortProblems } from './problem.js';

export interface LoadedCatalog {
  catalog: Catalog;
  /** Errors, warnings and notes in reading order. Any error makes the catalog unusable. */
  problems: Problem[];
  files: number;
}

/** Teams, people and problems read from team and ownership files (peribolos, OWNERS…). */
export interface DeclaredSource {
  /** How many files they came from. */
  files: number;
  entities: DeclaredEntities[];
  problems: Problem[];
}

/**
 * Parses and checks a whole catalog, with the teams and people of team and ownership files
 * added (see `addDeclaredEntities`), reporting every problem at once.
 */
export function loadCatalog(
  files: readonly CatalogFile[],
  declared: DeclaredSource = { files: 0, entities: [], problems: [] },
): LoadedCatalog {
  const parsed = addDeclaredEntities(parseCatalog(files), declared.entities);
  const built = buildCatalog(parsed);
  return {
    catalog: built.catalog,
    problems: sortProblems([...declared.problems, ...parsed.problems, ...built.problems]),
    files: files.length + declared.files,
  };
}
