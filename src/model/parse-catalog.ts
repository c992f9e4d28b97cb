import { LineCounter, type Node, parseAllDocuments } from 'yaml';
import type { Entity } from './entities.js';
import type { Problem, SourcePosition } from './problem.js';
import { type Path, type RefUse, readEntity } from './read-entity.js';
import { deepNestingProblem } from './yaml-nesting.js';
import { nearestNode } from './yaml-position.js';

/** A catalog file's path (as it should be shown) and its text. */
export interface CatalogFile {
  path: string;
  text: string;
}

export interface ParsedCatalog {
  entities: Entity[];
  /** Entities that were named but had errors: references to them are not reported again. */
  invalidRefs: string[];
  refs: RefUse[];
  problems: Problem[];
}

/**
 * Reads every document of every file as an entity. Never throws on bad input: YAML
 * errors and schema errors are problems with their file, line and column.
 */
export function parseCatalog(files: readonly CatalogFile[]): ParsedCatalog {
  const entities: Entity[] = [];
  const invalidRefs: string[] = [];
  const seen = new Map<string, SourcePosition>();
  const refs: RefUse[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const lineCounter = new LineCounter();
    const position = (offset: number): SourcePosition => {
      const { line, col } = lineCounter.linePos(offset);
      return { file: file.path, line, column: col };
    };
    const tooDeep = deepNestingProblem(file.text, file.path);
    if (tooDeep) {
      problems.push(tooDeep);
      continue;
    }
    const documents = parseAllDocuments(file.text, { lineCounter, prettyErrors: false });
    for (const doc of Array.isArray(documents) ? documents : []) {
      if (doc.errors.length > 0) {
        for (const error of doc.errors) {
          problems.push({
            severity: 'error',
            code: 'yaml/syntax',
            ...position(error.pos[0]),
            message: error.message.split('\n')[0] ?? error.message,
            hint: 'Fix the YAML syntax here; the rest of this document was not read.',
          });
        }
        continue;
      }
      if (doc.contents === null) continue; // an empty document, e.g. after a trailing `---`
      const docStart = doc.contents.range[0];
      const locate = (path: Path): SourcePosition => {
        const node = nearestNode(doc.contents as Node, path);
        return position(node?.range?.[0] ?? docStart);
      };
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (error) {
        problems.push({
          severity: 'error',
          code: 'yaml/syntax',
          ...position(docStart),
          message: (error as Error).message,
          hint: 'Remove or fix the aliases in this document.',
        });
        continue;
      }
      if (value === null || value === undefined) continue; // a document with only comments
      const result = readEntity(value, locate);
      problems.push(...result.problems);
      refs.push(...result.refs);
      const first = result.ref === undefined ? undefined : seen.get(result.ref);
      if (result.ref !== undefined && first) {
        // Checked like any other (its problems are reported), but the first one counts.
        problems.push({
          severity: 'error',
          code: 'entity/duplicate',
          ...locate([]),
          entity: result.ref,
          message: `${result.ref} is defined twice; the first is at ${first.file}:${first.line}`,
          hint: 'Remove one of them, or give this one another name or namespace.',
        });
        continue;
      }
      if (result.ref !== undefined) seen.set(result.ref, locate([]));
      if (result.entity) entities.push(result.entity);
      else if (result.ref) invalidRefs.push(result.ref);
    }
  }
  return { entities, invalidRefs, refs, problems };
}
