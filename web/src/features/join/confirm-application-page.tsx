import { useMutation } from '@tanstack/react-query';
import type { JoinConfirmationInfo } from '#api/join/join.schemas.ts';
import { api, errorMessage, unwrap } from '../../lib/api-client.ts';
import { FormAlert } from '../../lib/form.tsx';
import { formatDateTime, formatWindow } from '../../lib/format.ts';
import { LinkCheck } from '../../lib/link-check.tsx';
import { useLinkQuery, useLinkToken } from '../../lib/one-time-link.ts';

/**
 * The page behind the link e-mailed to an applicant (`/join/confirm#<token>`). The e-mail repeats
 * nothing of the application, so it is shown here, and only confirming sends it to the program lead.
 */
export function ConfirmApplicationPage() {
  const { token, malformed } = useLinkToken();
  const info = useLinkQuery('join-confirmation', token, (token) =>
    unwrap(api.join.confirmation.inspect.$post({ json: { token } })),
  );

  return (
    <main className="narrow">
      <h1>Confirm your application</h1>
      <LinkCheck
        token={token}
        malformed={malformed}
        from="from the e-mail"
        checking="Checking the link…"
        query={info}
      />
      {info.data ? <ConfirmCard token={token} info={info.data} /> : null}
    </main>
  );
}

function ConfirmCard(props: { token: string; info: JoinConfirmationInfo }) {
  const { info } = props;
  const { application } = info;
  const confirm = useMutation({
    mutationFn: () => unwrap(api.join.confirm.$post({ json: { token: props.token } })),
  });

  if (confirm.isSuccess) {
    return (
      <div className="card" role="status">
        <h2>Thank you for applying</h2>
        <p>
          The program lead of {info.programName} will look at your application to test {info.product}{' '}
          {info.releaseVersion}. If you are in, an e-mail to <strong>{confirm.data.email}</strong> brings the link to
          accept your place; either way, we will let you know.
        </p>
      </div>
    );
  }
  return (
    <section className="card" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">
        {info.programName}: {info.product} {info.releaseVersion}
      </h2>
      <p>Test window: {formatWindow(info.testStart, info.testEnd)}.</p>
      <p>Someone applied with your e-mail address. If it was you, check what you wrote and confirm.</p>
      <dl className="details">
        <dt>Name</dt>
        <dd>{application.name}</dd>
        <dt>E-mail</dt>
        <dd>{application.email}</dd>
        <dt>Company</dt>
        <dd>{application.company}</dd>
        <dt>Role</dt>
        <dd>{application.jobRole}</dd>
        <dt>Platforms</dt>
        <dd>{application.platforms.join(', ') || '—'}</dd>
        <dt>Devices</dt>
        <dd>{application.devices.join(', ') || '—'}</dd>
        <dt>Why you want in</dt>
        <dd>
          <blockquote className="motivation">{application.motivation}</blockquote>
        </dd>
      </dl>
      {info.open ? (
        <>
          <p className="hint">
            This link works once, until {formatDateTime(info.expiresAt)}. If you did not apply, close this page: nothing
            is sent without your confirmation.
          </p>
          <FormAlert message={confirm.error ? errorMessage(confirm.error) : null} />
          <button type="button" disabled={confirm.isPending} onClick={() => confirm.mutate()}>
            Confirm my application
          </button>
        </>
      ) : (
        <p className="notice" role="status">
          {info.reason ?? 'This join link takes no applications at the moment.'}
        </p>
      )}
    </section>
  );
}
