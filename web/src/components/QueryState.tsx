import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiRequestError } from '../api.js';
import { TokenForm } from './TokenForm.js';

interface Props<T> {
  query: UseQueryResult<T>;
  /** What is loading, for the busy message and error titles: "team", "bets board"… */
  what: string;
  children: (data: T) => ReactNode;
}

/** Renders a query's data, or its loading state, or what went wrong and what to do next. */
export function Loaded<T>({ query, what, children }: Props<T>) {
  if (query.isPending) {
    return (
      <div className="loading" aria-busy="true">
        <title>Loading · orgwire</title>
        <p role="status">Loading the {what}…</p>
      </div>
    );
  }
  if (query.isError) return <ErrorView error={query.error} what={what} retry={query.refetch} />;
  return <>{children(query.data)}</>;
}

export function ErrorView({
  error,
  what,
  retry,
}: {
  error: Error;
  what: string;
  retry?: () => unknown;
}) {
  const status = error instanceof ApiRequestError ? error.status : 0;
  if (status === 401) {
    return (
      <section className="error-view" aria-labelledby="error-title">
        <title>Token needed · orgwire</title>
        <h1 id="error-title">This radiator needs a token to read</h1>
        <p>{error.message}</p>
        <p>
          Ask whoever runs orgwire for a read token (<code>orgwire token create</code>) and paste it
          here. It is kept in this browser only.
        </p>
        <TokenForm />
      </section>
    );
  }
  if (status === 404) {
    return (
      <section className="error-view" aria-labelledby="error-title">
        <title>Not found · orgwire</title>
        <h1 id="error-title">Not found</h1>
        <p>{error.message}</p>
        <p>
          <Link to="/">Back to the overview</Link> or search for it in the box at the top.
        </p>
      </section>
    );
  }
  return (
    <section className="error-view" aria-labelledby="error-title">
      <title>Error · orgwire</title>
      <h1 id="error-title">The {what} could not be loaded</h1>
      <p>{error.message}</p>
      {retry ? (
        <button type="button" onClick={() => void retry()}>
          Try again
        </button>
      ) : null}
    </section>
  );
}
