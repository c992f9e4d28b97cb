import { resolve } from 'node:path';
import pc from 'picocolors';
import type { RequestFormat } from '../../ingest/index.js';
import { type IngestResult, ingestEach } from '../../usecases/index.js';
import { catalogOrEmpty } from '../catalog-or-empty.js';
import type { LoadedConfig } from '../context.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { openStore } from '../open-store.js';
import { ingestProgress, progressMode } from '../progress.js';
import { columns, plural } from '../render.js';
import { ingestRequests } from './queues.js';

export interface IngestCommandOptions {
  repos: string[];
  /** Repositories read at the same time. */
  jobs: number;
  requests: string[];
  requestsFormat?: RequestFormat;
  requestsRepo?: string;
  catalog?: string[];
  db?: string;
  merges: boolean;
  lines: boolean;
  quiet: boolean;
  format: OutputFormat;
}

/** A repository's line in `ingest`'s answer. */
interface IngestedRow {
  dir: string;
  label: string;
  head: string | null;
  added: number;
  rewritten: boolean;
  modeChanged: boolean;
  exactRenames: 'partial' | 'missing' | null;
  commits: number;
}

/** `orgwire ingest`: reads what is new in each repository into the store. */
export async function ingest(
  io: Io,
  config: LoadedConfig,
  options: IngestCommandOptions,
): Promise<number> {
  // Requests name teams, so they need the catalog; git history does not.
  const catalog =
    options.requests.length > 0
      ? (await catalogOrEmpty(io, config, options.catalog)).loaded.catalog
      : undefined;
  const store = await openStore(io, options.db);
  try {
    const requests = catalog
      ? await ingestRequests(io, config, catalog, store, options.requests, {
          format: options.requestsFormat,
          repository: options.requestsRepo,
        })
      : 0;
    const progress = ingestProgress(io, progressMode(options.quiet), options.repos.length);
    const outcomes = await ingestEach(
      store,
      options.repos.map((r) => resolve(io.cwd, r)),
      { merges: options.merges, lines: options.lines, jobs: options.jobs, ...progress.options },
    ).finally(progress.stop);
    // One repository named, and it failed: its own error, with its hint and exit status.
    const [only] = outcomes;
    if (outcomes.length === 1 && only && !only.ok) throw only.failure.error;
    const results = outcomes.flatMap((o) => (o.ok ? [o.result] : []));
    const failed = outcomes.flatMap((o, i) =>
      o.ok ? [] : [{ dir: options.repos[i] as string, error: o.failure.error.message }],
    );
    const rows: IngestedRow[] = await Promise.all(
      outcomes
        .flatMap((o, i) => (o.ok ? [{ r: o.result, i }] : []))
        .map(async ({ r, i }) => ({
          dir: options.repos[i] as string,
          label: r.label,
          head: r.head,
          added: r.added,
          rewritten: r.rewritten,
          modeChanged: r.modeChanged,
          exactRenames: r.exactRenames ?? null,
          commits: (await store.counts([r.repositoryId])).commits,
        })),
    );
    if (!options.quiet)
      for (const note of results.flatMap((r) => renamesNote(r) ?? [])) io.err(note);
    if (options.format === 'json') writeJson(io, { repositories: rows, failed, requests });
    else if (!options.quiet) printIngested(io, rows, requests, options.requests.length);
    if (failed.length > 0) {
      io.err(
        `${pc.red('error:')} ${plural(failed.length, 'repository', 'repositories')} of ${options.repos.length} could not be read; the others were stored:\n${failed.map((f) => `  ${f.dir}: ${f.error}\n`).join('')}`,
      );
      return 1;
    }
    return 0;
  } finally {
    await store.close();
  }
}

/** The table of what `ingest` read, and how many requests. */
function printIngested(
  io: Io,
  rows: readonly IngestedRow[],
  requests: number,
  exports: number,
): void {
  if (exports > 0) {
    io.out(`${plural(requests, 'request')} read from ${plural(exports, 'export')}.\n`);
  }
  if (rows.length > 0) {
    io.out(
      `${columns(
        rows.map((r) => [
          r.dir,
          r.head === null ? 'empty repository' : `${plural(r.added, 'new commit')}`,
          `${plural(r.commits, 'commit')} stored`,
          r.rewritten
            ? 'history rewritten: read again'
            : r.modeChanged
              ? 'options changed: read again'
              : '',
        ]),
        '',
      )}\n`,
    );
  }
}

/**
 * The line that says a repository's renames were found only for files moved unchanged,
 * and why; undefined when they were found by similarity too.
 */
export function renamesNote(result: IngestResult): string | undefined {
  if (result.exactRenames === 'missing') {
    return `${result.label}: some blobs are missing (a partial or damaged clone); renames found only for files moved unchanged.\n`;
  }
  if (result.exactRenames === 'partial') {
    return `${result.label}: a partial clone; renames found only for files moved unchanged (finding edited moves would fetch its blobs one commit at a time).\n`;
  }
  return undefined;
}
