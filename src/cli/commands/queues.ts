import { resolve } from 'node:path';
import { analyzeQueues, resolveWindow, windowDates } from '../../analysis/index.js';
import { type RequestFormat, readRequestFile } from '../../ingest/index.js';
import type { Catalog, Problem, RequestRecord } from '../../model/index.js';
import { catalogDir, InputProblems, type LoadedConfig, loadValidCatalog } from '../context.js';
import { type Io, writeJson } from '../io.js';
import { plural } from '../render.js';
import { queuesMarkdown, queuesTable } from '../render-queues.js';
import { windowFlags } from '../window-flags.js';

export interface QueuesOptions {
  catalog?: string;
  requests: string[];
  requestsFormat?: RequestFormat;
  since?: string;
  until?: string;
  window?: string;
  format: 'table' | 'json' | 'md';
}

/**
 * Reads request exports: rows that cannot be read are reported (with their line) and
 * skipped; a file that cannot be read at all stops the run.
 */
export async function readRequests(
  io: Io,
  config: LoadedConfig,
  catalog: Catalog,
  files: readonly string[],
  format?: RequestFormat,
): Promise<RequestRecord[]> {
  const requests: RequestRecord[] = [];
  const errors: Problem[] = [];
  for (const file of files) {
    const parsed = await readRequestFile(resolve(io.cwd, file), {
      catalog,
      shownAs: file,
      ...(format ? { format } : {}),
      ...(config.config.requests ? { mapping: config.config.requests } : {}),
    });
    for (const p of parsed.problems) {
      if (p.severity === 'error') {
        errors.push({
          severity: 'error',
          code: 'requests/invalid',
          file: p.file,
          line: p.line,
          column: 1,
          message: p.message,
          hint: p.hint,
        });
      } else {
        io.err(`${p.file}:${p.line}: ${p.message} (row skipped). ${p.hint}\n`);
      }
    }
    requests.push(...parsed.requests);
  }
  if (errors.length > 0)
    throw new InputProblems(
      errors,
      `${plural(errors.length, 'request export')} could not be read.`,
    );
  return requests;
}

/** `orgwire queues`: how each providing team's request queue behaves, and what to do about it. */
export async function queues(
  io: Io,
  config: LoadedConfig,
  options: QueuesOptions,
): Promise<number> {
  const flags = windowFlags(options);
  const { catalog } = await loadValidCatalog(io, catalogDir(io, config, options.catalog));
  const requests = await readRequests(
    io,
    config,
    catalog,
    options.requests,
    options.requestsFormat,
  );
  // The window ends at the newest request event, not the clock, as analyze's ends at the newest commit.
  const newest = Math.max(0, ...requests.flatMap((r) => [r.created, r.done ?? 0]));
  const window = resolveWindow(flags, newest || Math.floor(Date.now() / 1000));
  const report = analyzeQueues(catalog, requests, window);
  if (options.format === 'json') {
    writeJson(io, { window: windowDates(window), requests: requests.length, queues: report });
    return 0;
  }
  io.out(
    options.format === 'md'
      ? queuesMarkdown(report)
      : queuesTable(report, windowDates(window), requests.length),
  );
  return 0;
}
