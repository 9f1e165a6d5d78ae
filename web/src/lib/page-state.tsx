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
