/**
 * Said where a figure of the history will be: the server serves the window first and
 * measures the history week by week in the background (`serve --history later`, or a long
 * history). The page asks again on its own once the server has read it (useServerRefresh).
 */
export function Measuring({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      The server is measuring the history week by week in the background; {what} will show here on
      its own when it is done.
    </p>
  );
}
