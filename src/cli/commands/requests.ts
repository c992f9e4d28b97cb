import { AppError } from '../../errors.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { openStore } from '../open-store.js';
import { columns, plural } from '../render.js';

/**
 * `orgwire requests`: the trackers the store keeps requests from (a Jira project, a GitHub
 * repository, a plain CSV), with how many tickets and how many of them are open.
 */
export async function listRequests(
  io: Io,
  options: { db?: string; format: OutputFormat },
): Promise<number> {
  const store = await openStore(io, options.db);
  try {
    const trackers = await store.requestTrackers();
    if (options.format === 'json') {
      writeJson(io, { trackers });
      return 0;
    }
    if (trackers.length === 0) {
      io.err('No requests kept yet: `orgwire ingest --requests FILE` reads an export.\n');
      return 0;
    }
    io.out(
      `${columns(
        [
          ['TRACKER', 'TICKETS', 'OPEN'],
          ...trackers.map((t) => [t.tracker, String(t.tickets), String(t.open)]),
        ],
        '',
      )}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** `orgwire requests forget TRACKER`: the tracker's tickets leave the store. */
export async function forgetRequests(
  io: Io,
  options: { tracker: string; db?: string },
): Promise<number> {
  const store = await openStore(io, options.db);
  try {
    const forgotten = await store.forgetRequests(options.tracker);
    if (forgotten === 0) {
      const kept = (await store.requestTrackers()).map((t) => t.tracker);
      throw new AppError(
        'not-found',
        `No requests are kept from "${options.tracker}".`,
        kept.length === 0
          ? 'The store keeps no requests.'
          : `The trackers kept: ${kept.join(', ')} (\`orgwire requests\`).`,
      );
    }
    io.err(`Forgot ${plural(forgotten, 'request')} from ${options.tracker}.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
