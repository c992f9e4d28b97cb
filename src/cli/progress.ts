import cliProgress from 'cli-progress';
import type { IngestProgress } from '../usecases/index.js';

/**
 * A progress bar for ingesting on a terminal (commits, rate, elapsed), on standard error;
 * none when standard error is not a terminal or `--quiet` is given. Returns the options to
 * pass to the ingest — no `onProgress` at all when there is no bar, which spares the
 * ingest counting the commits — and a `stop` to call when it ends.
 */
export function ingestProgress(enabled: boolean): {
  options: { onProgress?: (p: IngestProgress) => void };
  stop: () => void;
} {
  if (!enabled) return { options: {}, stop: () => {} };
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      format: '{repository} [{bar}] {value}/{total} commits · {rate}/s · {elapsed}',
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let current: string | undefined;
  const onProgress = (p: IngestProgress): void => {
    const seconds = (Date.now() - started) / 1000;
    const payload = {
      repository: p.repository,
      rate: Math.round(p.done / Math.max(seconds, 0.001)),
      elapsed: `${seconds.toFixed(0)}s`,
    };
    if (current !== p.repository) {
      if (current !== undefined) bar.stop();
      bar.start(p.total, p.done, payload);
      current = p.repository;
    } else {
      bar.update(p.done, payload);
    }
  };
  return { options: { onProgress }, stop: () => bar.stop() };
}
