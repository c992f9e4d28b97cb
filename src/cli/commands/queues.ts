import { resolve } from 'node:path';
import {
  analyzeQueues,
  newestRequestEvent,
  resolveWindow,
  windowDates,
} from '../../analysis/index.js';
import { AppError } from '../../errors.js';
import {
  amendRequests,
  type RequestAmendment,
  type RequestFormat,
  readRequestFile,
} from '../../ingest/index.js';
import type { Catalog, Problem, RequestRecord } from '../../model/index.js';
import type { Store } from '../../store/index.js';
import { catalogPaths, type LoadedConfig, loadValidCatalog } from '../context.js';
import { InputProblems } from '../input-problems.js';
import { type Io, writeJson } from '../io.js';
import { openStore } from '../open-store.js';
import { plural } from '../render.js';
import { queuesMarkdown, queuesTable } from '../render-queues.js';
import { checkSince, windowFlags } from '../window-flags.js';

export interface QueuesOptions {
  catalog?: string[];
  db?: string;
  requests: string[];
  requestsFormat?: RequestFormat;
  requestsRepo?: string;
  since?: string;
  until?: string;
  window?: string;
  format: 'table' | 'json' | 'md';
}

/**
 * Reads request exports into the store, each ticket kept once by its identity in its
 * tracker, the newer reading winning (see `Store.saveRequests`): rows that cannot be read
 * are reported (with their line) and skipped; an export that cannot be read at all stops
 * the run before anything is written. A GitHub project's items amend the issues read in
 * the same run, else those kept, with the team that provides each (see
 * `parseGithubProject`). `how.repository`: `--requests-repo`.
 */
export async function ingestRequests(
  io: Io,
  config: LoadedConfig,
  catalog: Catalog,
  store: Store,
  files: readonly string[],
  how: { format?: RequestFormat | undefined; repository?: string | undefined } = {},
): Promise<number> {
  const { format, repository } = how;
  const read: { path: string; requests: RequestRecord[] }[] = [];
  const amendments: {
    file: string;
    entry: (typeof read)[number];
    amendments: RequestAmendment[];
  }[] = [];
  const errors: Problem[] = [];
  for (const file of files) {
    const path = resolve(io.cwd, file);
    const parsed = await readRequestFile(path, {
      catalog,
      shownAs: file,
      ...(format ? { format } : {}),
      ...(repository ? { repository } : {}),
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
        const skipped = p.severity === 'warning' ? ' (row skipped)' : '';
        io.err(`${p.file}:${p.line}: ${p.message}${skipped}. ${p.hint}\n`);
      }
    }
    const entry = { path, requests: parsed.requests };
    read.push(entry);
    if (parsed.amendments.length > 0)
      amendments.push({ file, entry, amendments: parsed.amendments });
  }
  if (errors.length > 0)
    throw new InputProblems(
      errors,
      `${plural(errors.length, 'request export')} could not be read.`,
    );
  const count = read.reduce((n, r) => n + r.requests.length, 0);
  // A project's items amend the issues read with them, else those kept from before (read
  // from the store once, and only when needed); a project's entry then holds the kept
  // issues it amended.
  let stored: RequestRecord[] | undefined;
  for (const { file, entry: project, amendments: given } of amendments) {
    let unmatched = given;
    for (const entry of read) {
      const run = amendRequests(entry.requests, unmatched);
      entry.requests = run.requests;
      unmatched = run.unmatched;
    }
    if (unmatched.length === 0) continue;
    stored ??= await store.requests();
    const kept = amendRequests(stored, unmatched);
    project.requests = kept.amended;
    const first = kept.unmatched[0];
    if (first !== undefined)
      io.err(
        `${file}: ${plural(kept.unmatched.length, 'item')} of the project name issues orgwire has not read (${first.tracker}#${first.id} the first). Read the issues with the items (--requests issues.json): they say when each was created and closed.\n`,
      );
  }
  for (const { path, requests } of read) await store.saveRequests(path, requests);
  return count;
}

/** `orgwire queues`: how each providing team's request queue behaves, and what to do about it. */
export async function queues(
  io: Io,
  config: LoadedConfig,
  options: QueuesOptions,
): Promise<number> {
  const flags = windowFlags(options);
  const { catalog } = await loadValidCatalog(io, catalogPaths(io, config, options.catalog));
  const store = await openStore(io, options.db);
  let requests: RequestRecord[];
  try {
    // Like analyze with repositories: read what the exports say now, then measure all stored.
    await ingestRequests(io, config, catalog, store, options.requests, {
      format: options.requestsFormat,
      repository: options.requestsRepo,
    });
    requests = await store.requests();
  } finally {
    await store.close();
  }
  if (requests.length === 0) {
    throw new AppError(
      'invalid-input',
      'No request to measure: the store holds none and no export was given.',
      'Pass --requests FILE: a plain CSV, a Jira CSV export or search answer (JSON), a Linear CSV export, or GitHub issues JSON.',
    );
  }
  // The window ends at the newest request event, not the clock, as analyze's ends at the newest commit.
  const newest = newestRequestEvent(requests);
  checkSince(flags, newest, 'request');
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
