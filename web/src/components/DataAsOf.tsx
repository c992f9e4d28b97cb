import { useQuery } from '@tanstack/react-query';
import { queries } from '../queries.js';

/**
 * How new the figures can be: the day of the newest commit the server read, when it read
 * it, and whether it reads again by itself. Nothing while it is asked for, or when it cannot
 * be (a radiator that needs a token says so elsewhere).
 */
export function DataAsOf() {
  const own = useQuery(queries.own());
  if (!own.data) return null;
  const { dataAsOf, readAt, refreshEvery } = own.data;
  return (
    <p className="data-as-of">
      {dataAsOf === null ? (
        <>The radiator holds no commit yet.</>
      ) : (
        <>
          Data as of <time dateTime={dataAsOf}>{dataAsOf}</time> (newest commit)
          {readAt === null ? (
            '.'
          ) : (
            <>
              , read <time dateTime={readAt}>{shortTime(readAt)}</time>.
            </>
          )}
        </>
      )}{' '}
      {refreshEvery === null ? (
        <>
          Restart <code>orgwire serve</code>, or run it with <code>--refresh</code>, to read newer
          history.
        </>
      ) : (
        <>Read again every {duration(refreshEvery)}.</>
      )}
    </p>
  );
}

/** `2026-12-03 14:05` in the reader's own time zone. */
function shortTime(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** Seconds in words: `30 seconds`, `10 minutes`, `1 hour`. */
function duration(seconds: number): string {
  const [amount, unit] =
    seconds % 3600 === 0
      ? [seconds / 3600, 'hour']
      : seconds % 60 === 0
        ? [seconds / 60, 'minute']
        : [seconds, 'second'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
