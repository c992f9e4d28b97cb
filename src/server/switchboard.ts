/** What serves a request: a Hono app's `fetch`, or anything shaped like it. */
export interface FetchHandler {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

/** One handler serving now, swapped for another whole. */
export interface Switchboard extends FetchHandler {
  /**
   * Serves every request that arrives from now on with `next`. Resolves once the requests
   * the previous handler had begun have all been answered: from then on, nothing it holds
   * is read again.
   */
  swap(next: FetchHandler): Promise<void>;
}

interface Line {
  handler: FetchHandler;
  inFlight: number;
  drained?: () => void;
}

/**
 * Serves requests with one handler at a time and swaps it atomically: each request is
 * answered wholly by the handler that was current when it arrived, so none sees half of
 * one radiator and half of the next, however long its answer takes.
 */
export function createSwitchboard(initial: FetchHandler): Switchboard {
  let current: Line = { handler: initial, inFlight: 0 };
  return {
    async fetch(request, env) {
      const line = current;
      line.inFlight++;
      try {
        return await line.handler.fetch(request, env);
      } finally {
        if (--line.inFlight === 0) line.drained?.();
      }
    },
    swap(next) {
      const old = current;
      current = { handler: next, inFlight: 0 };
      if (old.inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => {
        old.drained = resolve;
      });
    },
  };
}
