/** A queue as measured over a window: what the estimate is calibrated on. */
export interface MeasuredQueue {
  /** Requests created per day. */
  arrivalsPerDay: number;
  /** Requests done per day. */
  completionsPerDay: number;
  /** Mean created → done, days; null when none was done. */
  meanLeadTime: number | null;
}

/** The estimated queue after a change: its mean lead time, or unstable. */
export interface EstimatedQueue {
  /** Days; null when unstable, or when nothing arrives any more. */
  meanLeadTime: number | null;
  /** Arrivals at or above what the people left can do: lead times grow without bound. */
  unstable: boolean;
}

/**
 * The mean lead time of a queue after its arrivals or its people change (issue 14), by the
 * M/M/1 queue calibrated on what was measured: with arrivals λ and mean lead time W, the
 * capacity is μ = λ + 1/W (from W = 1/(μ − λ)); a queue that did fewer than arrived (or
 * finished nothing) is taken at its throughput, μ = completions per day. Capacity follows the
 * people who did the work, μ′ = μ · people′/people, and then W′ = 1/(μ′ − λ′) for arrivals
 * λ′ < μ′; at or above it the queue is unstable. An estimate of the order of things, not a
 * forecast: real queues are neither Poisson nor first come, first served.
 */
export function estimateQueue(
  measured: MeasuredQueue,
  arrivalsPerDay: number,
  people: { before: number; after: number },
): EstimatedQueue {
  if (arrivalsPerDay <= 0) return { meanLeadTime: null, unstable: false };
  const { meanLeadTime: w, arrivalsPerDay: lambda, completionsPerDay } = measured;
  const steady = w !== null && w > 0 && completionsPerDay >= lambda;
  const capacity = steady ? lambda + 1 / (w as number) : completionsPerDay;
  const after = people.before > 0 ? (capacity * people.after) / people.before : 0;
  if (arrivalsPerDay >= after) return { meanLeadTime: null, unstable: true };
  return { meanLeadTime: Math.round((1 / (after - arrivalsPerDay)) * 10) / 10, unstable: false };
}
