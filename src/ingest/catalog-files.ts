import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { AppError } from '../errors.js';
import type { CatalogFile, DeclaredSource } from '../model/index.js';
import { displayPath } from './display-path.js';
import { isPeribolosFile, readPeribolos } from './ownership/peribolos.js';
import { readTextFile } from './read-text-file.js';

const SKIP = new Set(['node_modules', '.git']);

/**
 * Reads every `*.yaml` and `*.yml` under `path` (a folder, recursively, in a stable order;
 * or one file). File paths are given relative to the current directory, as a person would
 * type them.
 */
export async function readCatalogFiles(path: string, cwd = process.cwd()): Promise<CatalogFile[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new AppError(
      'not-found',
      `No catalog at ${displayPath(cwd, path)}.`,
      'Run `orgwire init` to create one, or pass --catalog with a folder or a team file.',
    );
  }
  if (!info.isDirectory() && !info.isFile()) {
    throw new AppError(
      'invalid-input',
      `${displayPath(cwd, path)} is neither a folder nor a file; --catalog takes a catalog folder or a team file.`,
      'Pass the folder that holds the catalog\u2019s YAML files, or a peribolos team file.',
    );
  }
  const paths = info.isFile() ? [path] : await yamlFilesUnder(path);
  return Promise.all(
    paths.map(async (file) => {
      const shown = displayPath(cwd, file);
      return {
        path: shown,
        text: await readTextFile(file, { shownAs: shown, what: 'catalog file' }),
      };
    }),
  );
}

async function yamlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return (
    entries
      // orgwire.yaml holds settings, not entities, when the catalog sits beside it.
      .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name) && !/^orgwire\.ya?ml$/i.test(e.name))
      .map((e) => join(e.parentPath, e.name))
      .filter(
        (p) =>
          !relative(dir, p)
            .split(/[\\/]/)
            .some((part) => SKIP.has(part)),
      )
      .sort()
  );
}

/** The catalog's entity files, and the teams and people of the team files among them. */
export interface CatalogSources {
  files: CatalogFile[];
  declared: DeclaredSource;
}

/**
 * Reads every `--catalog` path (folders and files) and sorts what it finds: peribolos team
 * files (see `isPeribolosFile`) are read as teams and people, every other YAML file as
 * catalog entities. A path named twice is read once.
 */
export async function readCatalogSources(
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<CatalogSources> {
  const read: CatalogFile[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    for (const file of await readCatalogFiles(path, cwd)) {
      if (seen.has(file.path)) continue;
      seen.add(file.path);
      read.push(file);
    }
  }
  return catalogSources(read);
}

/** One catalog file as read: entities to parse, or the teams and people of a team file. */
export type CatalogSource =
  | { kind: 'entities'; file: CatalogFile }
  | { kind: 'teams'; reading: ReturnType<typeof readPeribolos> };

/** Reads one catalog file: a team file (see `isPeribolosFile`) as teams and people. */
export function catalogSource(file: CatalogFile): CatalogSource {
  return isPeribolosFile(file.text)
    ? { kind: 'teams', reading: readPeribolos({ shownAs: file.path, text: file.text }) }
    : { kind: 'entities', file };
}

/** Sorts catalog files: team files as teams and people, the rest as entities. */
export function catalogSources(
  read: readonly CatalogFile[] | readonly CatalogSource[],
): CatalogSources {
  const files: CatalogFile[] = [];
  const declared: DeclaredSource = { files: 0, entities: [], problems: [] };
  for (const item of read) {
    const source = 'kind' in item ? item : catalogSource(item);
    if (source.kind === 'entities') {
      files.push(source.file);
      continue;
    }
    declared.files++;
    declared.entities.push(source.reading.entities);
    declared.problems.push(...source.reading.problems.map((p) => ({ ...p, column: 1 })));
  }
  return { files, declared };
}

/** Whether a path is one of the catalog's YAML files (not `orgwire.yaml`, not under node_modules). */
export function isCatalogYaml(path: string): boolean {
  const parts = path.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? '';
  return (
    /\.ya?ml$/i.test(name) && !/^orgwire\.ya?ml$/i.test(name) && !parts.some((p) => SKIP.has(p))
  );
}
