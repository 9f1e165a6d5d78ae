import { Navigate, useSearchParams } from 'react-router';
import type { PendingTerms } from '#api/mvp/mvp.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { FormAlert } from '../../lib/form.tsx';
import { Markdown } from '../../lib/markdown.tsx';
import { LoadState } from '../../lib/page-state.tsx';
import { safeNextPath } from '../../lib/safe-next.ts';
import { useAcceptTerms, usePendingTerms } from './terms-api.ts';
import './terms.css';

/** Each program's current terms that the MVP has yet to accept; once none are left, on to where they were going. */
export function TermsPage() {
  const pending = usePendingTerms();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));

  if (pending.data && pending.data.items.length === 0) return <Navigate to={next} replace />;
  return (
    <main>
      <h1>Accept the terms</h1>
      <p className="lead">
        Before you see a release, please read the terms of its program. They say what you may share about pre-release
        software and how your feedback is used.
      </p>
      <LoadState query={pending} />
      {pending.data?.items.map((terms) => (
        <ProgramTerms key={`${terms.programId}:${terms.version}`} terms={terms} />
      ))}
      <p className="hint">Not ready to accept? Sign out and come back at any time; your invitation stays accepted.</p>
    </main>
  );
}

function ProgramTerms(props: { terms: PendingTerms }) {
  const { terms } = props;
  const accept = useAcceptTerms();
  const headingId = `terms-${terms.programId}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {terms.programName} <span className="hint">(version {terms.version})</span>
      </h2>
      <div className="terms-box">
        <Markdown text={terms.text} />
      </div>
      <FormAlert message={accept.error ? errorMessage(accept.error) : null} />
      <button
        type="button"
        disabled={accept.isPending}
        aria-describedby={headingId}
        onClick={() => accept.mutate({ programId: terms.programId, version: terms.version })}
      >
        I accept
      </button>
    </section>
  );
}
