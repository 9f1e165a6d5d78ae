import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { errorMessage } from '../lib/api-client.ts';

/** What a page shows instead of going blank when rendering it fails. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <main>
      <h1>Something went wrong</h1>
      <p className="alert" role="alert">
        {message}
      </p>
      <p>
        <Link to="/">Back to the start page</Link>, or reload the page.
      </p>
    </main>
  );
}
