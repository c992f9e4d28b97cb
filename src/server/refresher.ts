/** Where the radiator's refreshes stand: `GET /api/refresh`. */
export interface RefreshStatus {
  /** A refresh is reading and analysing now. */
  running: boolean;
  /** Seconds between refreshes (`serve --refresh`); null: only when asked (`POST /api/refresh`). */
  every: number | null;
  /** When the radiator being served was made (ISO 8601 UTC): at start, or by the last refresh. */
  servedSince: string;
  /** When the last refresh began and ended; null before the first. */
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  /** Why the last refresh failed (the radiator before it is still served); null when it did not. */
  lastError: string | null;
  /** When the next timed refresh begins; null without `--refresh` or while one runs. */
  nextAt: string | null;
}

export interface RefresherOptions {
  /**
   * Reads as of `begun`, analyses, and swaps the radiator, calling `served` the moment the
   * new one answers requests (what is left, closing the old one, may take longer); a
   * rejection before `served` leaves the one served as it was.
   */
  run: (begun: Date, served: () => void) => Promise<void>;
  /** Milliseconds between the end of one refresh and the start of the next; none: on request only. */
  every?: number;
  /** When the radiator served at start was made. */
  servedSince: Date;
  /** Told of each refresh that failed (the server's log). */
  onError?: (error: unknown) => void;
  now?: () => Date;
}

/**
 * What the app asks of the refreshes (`/api/refresh`). A radiator served from a worker asks
 * the thread that runs them, hence the promises.
 */
export interface RefreshControl {
  start(): { started: boolean } | Promise<{ started: boolean }>;
  status(): RefreshStatus | Promise<RefreshStatus>;
}

/** Refreshes the radiator on a timer and on request, one refresh at a time. */
export interface Refresher {
  /** Begins a refresh now, unless one is running: then that one is what the caller gets. */
  start(): { started: boolean };
  status(): RefreshStatus;
  /** Stops the timer and waits for a running refresh to end. */
  stop(): Promise<void>;
}

/**
 * The radiator's refresh schedule: `every` milliseconds after the last refresh ended (so
 * refreshes never overlap, however long one takes), and whenever `start` is called. A
 * failed refresh is reported and the next one comes on schedule.
 */
export function createRefresher(options: RefresherOptions): Refresher {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let nextAt: Date | undefined;
  let stopped = false;
  const status: Omit<RefreshStatus, 'running' | 'nextAt'> = {
    every: options.every === undefined ? null : Math.round(options.every / 1000),
    servedSince: options.servedSince.toISOString(),
    lastStartedAt: null,
    lastFinishedAt: null,
    lastError: null,
  };

  const schedule = () => {
    if (options.every === undefined || stopped) return;
    nextAt = new Date(now().getTime() + options.every);
    timer = setTimeout(() => refresher.start(), options.every);
    // A timer alone must not keep the process up once the server has closed.
    timer.unref();
  };

  const refresher: Refresher = {
    start() {
      if (running || stopped) return { started: false };
      clearTimeout(timer);
      nextAt = undefined;
      const begun = now();
      status.lastStartedAt = begun.toISOString();
      running = options
        .run(begun, () => {
          status.servedSince = begun.toISOString();
        })
        .then(
          () => {
            status.lastError = null;
          },
          (error: unknown) => {
            status.lastError = error instanceof Error ? error.message : String(error);
            options.onError?.(error);
          },
        )
        .finally(() => {
          status.lastFinishedAt = now().toISOString();
          running = undefined;
          schedule();
        });
      return { started: true };
    },
    status() {
      return {
        ...status,
        running: running !== undefined,
        nextAt: nextAt === undefined ? null : nextAt.toISOString(),
      };
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      nextAt = undefined;
      await running;
    },
  };
  schedule();
  return refresher;
}
