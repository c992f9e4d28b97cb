import { LRUCache } from 'lru-cache';
import { Composer, LineCounter, type Node, Parser } from 'yaml';
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
    const read = readCatalogFile(file);
    problems.push(...read.problems);
    for (const document of read.documents) {
      problems.push(...document.problems);
      refs.push(...document.refs);
      const first = document.ref === undefined ? undefined : seen.get(document.ref);
      if (document.ref !== undefined && first) {
        // Checked like any other (its problems are reported), but the first one counts.
        problems.push({
          severity: 'error',
          code: 'entity/duplicate',
          ...document.at,
          entity: document.ref,
          message: `${document.ref} is defined twice; the first is at ${first.file}:${first.line}`,
          hint: 'Remove one of them, or give this one another name or namespace.',
        });
        continue;
      }
      if (document.ref !== undefined) seen.set(document.ref, document.at);
      if (document.entity) entities.push(document.entity);
      else if (document.ref) invalidRefs.push(document.ref);
    }
  }
  return { entities, invalidRefs, refs, problems };
}

/** What one document of a catalog file says, read on its own. */
interface ReadDocument {
  ref?: string;
  entity?: Entity;
  refs: RefUse[];
  problems: Problem[];
  /** Where the document begins. */
  at: SourcePosition;
}

/** One catalog file read: its documents, and the problems of the file as a whole (YAML). */
interface ReadFile {
  documents: ReadDocument[];
  problems: Problem[];
}

/**
 * Files read, by path and text. A catalog is read again and again whole — each version in
 * its git history, each refresh of the radiator — while few of its files change: a file
 * already read is not parsed again. At most 64 MiB of text is kept, the least recently
 * read first out. What is kept is never changed by its readers (entities are values:
 * scenarios copy what they change).
 */
const readFiles = new LRUCache<string, ReadFile>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (_, key) => Math.max(1, key.length),
});

const keyOf = (file: CatalogFile) => `${file.path}\0${file.text}`;

function readCatalogFile(file: CatalogFile): ReadFile {
  const key = keyOf(file);
  let read = readFiles.get(key);
  if (read === undefined) {
    read = parseCatalogFile(file);
    readFiles.set(key, read);
  }
  return read;
}

/**
 * What reading a catalog file gave: plain values, which JSON carries whole, so that the
 * readings of a large catalog can be kept between runs (the store keeps them for `serve`).
 */
export type CatalogFileReading = ReadFile;

/** Each file's reading, in order: parsed now unless it was read (or remembered) before. */
export function catalogReadings(files: readonly CatalogFile[]): CatalogFileReading[] {
  return files.map(readCatalogFile);
}

/**
 * Gives `parseCatalog` the readings of `files` (in order) made before, by this same code,
 * of these same texts: it takes them as its own instead of parsing the files.
 */
export function rememberReadings(
  files: readonly CatalogFile[],
  readings: readonly CatalogFileReading[],
): void {
  files.forEach((file, i) => {
    const reading = readings[i];
    if (reading !== undefined) readFiles.set(keyOf(file), reading);
  });
}

/**
 * Reads every document of a file as an entity. Never throws on bad input: YAML errors and
 * schema errors are problems with their file, line and column. The text is parsed once:
 * its nesting is checked on the parser's tokens before they are composed into documents.
 */
function parseCatalogFile(file: CatalogFile): ReadFile {
  const lineCounter = new LineCounter();
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: file.path, line, column: col };
  };
  const tokens = [...new Parser(lineCounter.addNewLine).parse(file.text)];
  const tooDeep = deepNestingProblem(file.text, file.path, tokens);
  if (tooDeep) return { documents: [], problems: [tooDeep] };
  const documents: ReadDocument[] = [];
  const problems: Problem[] = [];
  for (const doc of new Composer({ prettyErrors: false }).compose(tokens)) {
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
    documents.push({
      ...(result.ref === undefined ? {} : { ref: result.ref }),
      ...(result.entity ? { entity: result.entity } : {}),
      refs: result.refs,
      problems: result.problems,
      at: locate([]),
    });
  }
  return { documents, problems };
}
