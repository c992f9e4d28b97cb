// What several bench scripts share: the time since a start, steps timed in turn, and the
// safe ways to show a database URL and name a table.

/** Seconds since `start` (a `performance.now()`), as `12.3 s`. */
export const since = (start) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

/**
 * Steps run one after the other, each said on standard error as it starts; `times` holds
 * each one's label and `since` its start, in order, for the report.
 */
export function timedSteps() {
  const times = [];
  const step = async (label, fn) => {
    const t0 = performance.now();
    process.stderr.write(`${label}…\n`);
    const result = await fn();
    times.push([label, since(t0)]);
    return result;
  };
  return { step, times };
}

/** A URL without its password, for messages and reports. */
export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** A PostgreSQL identifier, quoted. */
export const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;
