import cliProgress from 'cli-progress';
import type { IngestOutcome, IngestProgress } from '../usecases/index.js';
import type { Io } from './io.js';
import { plural } from './render.js';

/** What the ingest is told to report to: `onProgress` only when someone watches a bar. */
export interface ProgressOptions {
  onProgress?: (p: IngestProgress) => void;
  onDone?: (outcome: IngestOutcome, done: number) => void;
}

/**
 * The progress of an ingest, on standard error. On a terminal: a bar per repository being
 * read (commits, rate, elapsed) and, for several, one for the repositories. Elsewhere (a
 * service's log, CI), for several repositories: a line as each one finishes. Nothing with
 * `--quiet`. Returns the options to pass to the ingest — no `onProgress` at all when there
 * is no bar, which spares the ingest counting the commits — and a `stop` to call when it
 * ends.
 */
export function ingestProgress(
  io: Io,
  mode: 'bars' | 'lines' | 'none',
  repositories = 1,
): { options: ProgressOptions; stop: () => void } {
  if (mode === 'none') return { options: {}, stop: () => {} };
  if (mode === 'lines') {
    if (repositories < 2) return { options: {}, stop: () => {} };
    const width = String(repositories).length;
    return {
      options: {
        onDone: (outcome, done) => {
          const count = `[${String(done).padStart(width)}/${repositories}]`;
          io.err(
            outcome.ok
              ? `${count} ${outcome.result.label}: ${plural(outcome.result.added, 'new commit')}\n`
              : `${count} ${outcome.failure.label}: failed: ${outcome.failure.error.message}\n`,
          );
        },
      },
      stop: () => {},
    };
  }
  const started = Date.now();
  const bars = new cliProgress.MultiBar(
    {
      format: '{repository} [{bar}] {value}/{total} commits · {rate}/s · {elapsed}',
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  const overall =
    repositories > 1
      ? bars.create(repositories, 0, {}, { format: 'repositories [{bar}] {value}/{total}' })
      : undefined;
  const running = new Map<string, cliProgress.SingleBar>();
  const onProgress = (p: IngestProgress): void => {
    const seconds = (Date.now() - started) / 1000;
    const payload = {
      repository: p.repository,
      rate: Math.round(p.done / Math.max(seconds, 0.001)),
      elapsed: `${seconds.toFixed(0)}s`,
    };
    const bar = running.get(p.dir);
    if (bar === undefined) running.set(p.dir, bars.create(p.total, p.done, payload));
    else bar.update(p.done, payload);
  };
  const onDone = (outcome: IngestOutcome, done: number): void => {
    const dir = outcome.ok ? outcome.result.dir : outcome.failure.dir;
    const bar = running.get(dir);
    if (bar !== undefined) bars.remove(bar);
    running.delete(dir);
    overall?.update(done);
  };
  return { options: { onProgress, onDone }, stop: () => bars.stop() };
}

/** How progress is shown: bars on a terminal, lines elsewhere, nothing with `--quiet`. */
export function progressMode(quiet: boolean): 'bars' | 'lines' | 'none' {
  if (quiet) return 'none';
  return process.stderr.isTTY ? 'bars' : 'lines';
}
