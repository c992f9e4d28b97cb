import { resolve } from 'node:path';
import type { RequestFormat } from '../../ingest/index.js';
import { type IngestResult, ingestRepositories } from '../../usecases/index.js';
import { catalogOrEmpty } from '../catalog-or-empty.js';
import type { LoadedConfig } from '../context.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { openStore } from '../open-store.js';
import { ingestProgress } from '../progress.js';
import { columns, plural } from '../render.js';
import { ingestRequests } from './queues.js';

export interface IngestCommandOptions {
  repos: string[];
  requests: string[];
  requestsFormat?: RequestFormat;
  catalog?: string[];
  db?: string;
  merges: boolean;
  lines: boolean;
  quiet: boolean;
  format: OutputFormat;
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
      ? await ingestRequests(io, config, catalog, store, options.requests, options.requestsFormat)
      : 0;
    const progress = ingestProgress(!options.quiet && Boolean(process.stderr.isTTY));
    const results = await ingestRepositories(
      store,
      options.repos.map((r) => resolve(io.cwd, r)),
      { merges: options.merges, lines: options.lines, ...progress.options },
    ).finally(progress.stop);
    const rows = await Promise.all(
      results.map(async (r, i) => ({
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
    if (options.format === 'json') {
      writeJson(io, { repositories: rows, requests });
      return 0;
    }
    if (!options.quiet && options.requests.length > 0) {
      io.out(
        `${plural(requests, 'request')} read from ${plural(options.requests.length, 'export')}.\n`,
      );
    }
    if (!options.quiet && rows.length > 0) {
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
    return 0;
  } finally {
    await store.close();
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
