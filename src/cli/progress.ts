import cliProgress from 'cli-progress';
import type { IngestProgress } from '../usecases/index.js';

/**
 * A progress bar for ingesting on a terminal (commits, rate, elapsed); nothing at all when
 * output is not a terminal or `--quiet` is given. It writes to standard error.
 */
export function ingestProgress(enabled: boolean): {
  update: (p: IngestProgress) => void;
  stop: () => void;
} {
  if (!enabled) return { update: () => {}, stop: () => {} };
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
  return {
    update(p) {
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
    },
    stop: () => bar.stop(),
  };
}
