import type { ReactNode } from 'react';
import { errorMessage } from './api-client.ts';

/**
 * Above the page behind a one-time link: the link cut short (the part after `#` lost on the way),
 * being checked, or refused, with the way on when there is one.
 */
export function LinkCheck(props: {
  token: string;
  malformed: boolean;
  /** Where the whole link is to be found: "you were given", "from the e-mail". */
  from: string;
  checking: string;
  query: { isLoading: boolean; error: unknown };
  /** What to do when the link is refused. */
  wayOn?: ReactNode;
}) {
  const { query } = props;
  return (
    <>
      {!props.token || props.malformed ? (
        <p className="alert" role="alert">
          This link is incomplete. Open the whole link {props.from}, including the part after <code>#</code>.
        </p>
      ) : null}
      {query.isLoading ? <p role="status">{props.checking}</p> : null}
      {query.error ? (
        props.wayOn ? (
          <div className="alert" role="alert">
            <p>{errorMessage(query.error)}</p>
            {props.wayOn}
          </div>
        ) : (
          <p className="alert" role="alert">
            {errorMessage(query.error)}
          </p>
        )
      ) : null}
    </>
  );
}
