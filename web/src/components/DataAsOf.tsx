import { useQuery } from '@tanstack/react-query';
import { queries } from '../queries.js';

/**
 * How new the figures can be: the day of the newest commit the server read. Nothing while
 * it is asked for, or when it cannot be (a radiator that needs a token says so elsewhere).
 */
export function DataAsOf() {
  const own = useQuery(queries.own());
  if (!own.data) return null;
  const { dataAsOf } = own.data;
  return (
    <p className="data-as-of">
      {dataAsOf === null ? (
        <>The radiator holds no commit yet.</>
      ) : (
        <>
          Data as of <time dateTime={dataAsOf}>{dataAsOf}</time> (newest commit).
        </>
      )}{' '}
      Restart <code>orgwire serve</code> to read newer history.
    </p>
  );
}
