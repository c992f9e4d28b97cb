import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { AppError } from '../errors.js';
import type { CatalogFile } from '../model/index.js';
import { displayPath } from './display-path.js';
import { readTextFile } from './read-text-file.js';

const SKIP = new Set(['node_modules', '.git']);

/**
 * Reads every `*.yaml` and `*.yml` under `dir`, recursively, in a stable order. File
 * paths are given relative to the current directory, as a person would type them.
 */
export async function readCatalogFiles(dir: string, cwd = process.cwd()): Promise<CatalogFile[]> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new AppError(
      'invalid-input',
      `${dir} is ${info.isFile() ? 'a file' : 'not a folder'}; --catalog takes the folder that holds the catalog's YAML files.`,
      'Pass its folder instead, e.g. --catalog catalog.',
    );
  }
  if (!info) {
    throw new AppError(
      'not-found',
      `No catalog at ${dir}.`,
      'Run `orgwire init` to create one, or pass --catalog DIR.',
    );
  }
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    // orgwire.yaml holds settings, not entities, when the catalog sits beside it.
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name) && !/^orgwire\.ya?ml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter(
      (p) =>
        !relative(dir, p)
          .split(/[\\/]/)
          .some((part) => SKIP.has(part)),
    )
    .sort();
  return Promise.all(
    paths.map(async (path) => {
      const shown = displayPath(cwd, path);
      return {
        path: shown,
        text: await readTextFile(path, { shownAs: shown, what: 'catalog file' }),
      };
    }),
  );
}
