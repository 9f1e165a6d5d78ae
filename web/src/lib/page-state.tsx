import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from './api-client.ts';
import { FormAlert } from './form.tsx';

/** What a page shows while the data it is about loads. */
export function PageLoading() {
  return (
    <p className="loading" role="status">
      Loading…
    </p>
  );
}

/** A page whose data could not be had: what it is, why, and the way back. */
export function PageUnavailable(props: { title: string; error: unknown; back: { to: string; label: string } }) {
  return (
    <main>
      <h1>{props.title}</h1>
      <FormAlert message={errorMessage(props.error)} />
      <p>
        <Link to={props.back.to}>{props.back.label}</Link>
      </p>
    </main>
  );
}

/**
 * A page about one thing the API must give first: loading, then the page, or why it is not
 * available. An error wins over data already had (a refetch that fails is shown, not hidden).
 */
export function QueryPage<T>(props: {
  query: { isPending: boolean; error: unknown; data: T | undefined };
  title: string;
  back: { to: string; label: string };
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <PageLoading />;
  if (query.error || query.data === undefined) {
    return <PageUnavailable title={props.title} error={query.error} back={props.back} />;
  }
  return props.children(query.data);
}

/** Within a page, a part whose data loads on its own: that it loads, or why it could not. */
export function LoadState(props: { query: { isPending: boolean; error: unknown } }) {
  return (
    <>
      {props.query.isPending ? <p role="status">Loading…</p> : null}
      <FormAlert message={props.query.error ? errorMessage(props.query.error) : null} />
    </>
  );
}

/** The next page of a list that loads page by page, when there is one. */
export function LoadMoreButton(props: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  children: ReactNode;
}) {
  if (!props.query.hasNextPage) return null;
  return (
    <button
      type="button"
      className="secondary"
      disabled={props.query.isFetchingNextPage}
      onClick={() => props.query.fetchNextPage()}
    >
      {props.children}
    </button>
  );
}
