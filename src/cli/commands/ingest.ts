import { resolve } from 'node:path';
import { ingestRepositories } from '../../usecases/index.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { openStore } from '../open-store.js';
import { ingestProgress } from '../progress.js';
import { columns, plural } from '../render.js';

export interface IngestCommandOptions {
  repos: string[];
  db?: string;
  merges: boolean;
  lines: boolean;
  quiet: boolean;
  format: OutputFormat;
}

/** `orgwire ingest`: reads what is new in each repository into the store. */
export async function ingest(io: Io, options: IngestCommandOptions): Promise<number> {
  const store = await openStore(io, options.db);
  try {
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
        commits: (await store.counts([r.repositoryId])).commits,
      })),
    );
    if (options.format === 'json') {
      writeJson(io, { repositories: rows });
      return 0;
    }
    if (!options.quiet) {
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
