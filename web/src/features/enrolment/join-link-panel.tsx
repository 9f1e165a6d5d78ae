import { useState } from 'react';
import { type JoinLink, setJoinLinkBody } from '#api/enrolment/enrolment.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { ConfirmButton } from '../../lib/confirm-button.tsx';
import { CopyButton } from '../../lib/copy-button.tsx';
import { FormAlert, InputField, Notice, SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { countOf } from '../../lib/format.ts';
import { useRotateJoinLink, useSetJoinLink } from './cohort-api.ts';
import './enrolment.css';

/** The release's public join link: open or closed, how many applications it takes, its address. */
export function JoinLinkPanel(props: { releaseId: string; joinLink: JoinLink }) {
  const { joinLink } = props;
  const [values, setValues] = useState({
    enabled: joinLink.enabled,
    cap: joinLink.cap === null ? '' : String(joinLink.cap),
  });
  const save = useSetJoinLink(props.releaseId);
  const rotate = useRotateJoinLink(props.releaseId);
  const form = useSchemaForm(setJoinLinkBody, save);
  const capacity = joinLink.cap === null ? 'no limit' : `at most ${joinLink.cap}`;

  return (
    <section aria-labelledby="join-link-heading">
      <h2 id="join-link-heading">Join link</h2>
      <p>
        Anyone with the link can apply to test this release; you approve or decline each application above. The link is{' '}
        <strong>{joinLink.enabled ? 'open' : 'closed'}</strong>:{' '}
        {countOf(joinLink.applications, 'application', 'applications')} so far ({capacity}
        ).
      </p>
      {joinLink.url ? (
        <div className="link-row">
          <code className="copyable" data-testid="join-link">
            {joinLink.url}
          </code>
          <CopyButton text={joinLink.url} />
        </div>
      ) : (
        <p className="hint">The link gets its address when you first open it.</p>
      )}
      <SchemaForm
        form={form}
        className="stack join-form"
        onSubmit={form.onSubmit(() => ({
          enabled: values.enabled,
          cap: values.cap.trim() === '' ? null : Number(values.cap),
        }))}
        submitLabel="Save join link"
        intro={save.isSuccess ? <Notice tone="success">Join link saved.</Notice> : null}
      >
        <div className="field checkbox-field">
          <label>
            <input
              type="checkbox"
              checked={values.enabled}
              onChange={(e) => setValues({ ...values, enabled: e.target.checked })}
            />{' '}
            Take applications through the link
          </label>
        </div>
        <InputField
          label="Most applications"
          name="cap"
          error={form.fieldErrors.cap}
          hint="Over the link's whole life. Empty for no limit."
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={values.cap}
          onChange={(value) => setValues({ ...values, cap: value })}
        />
      </SchemaForm>
      {joinLink.url ? (
        <div className="rotate">
          <ConfirmButton
            label="New link address"
            tone="secondary"
            question="Give the link a new address? The current one stops working at once; share the new one instead."
            confirmLabel="Yes, new address"
            disabled={rotate.isPending}
            onConfirm={() => rotate.mutate()}
          />
          {rotate.isSuccess ? (
            <Notice tone="success">The link has a new address; the old one no longer works.</Notice>
          ) : null}
          <FormAlert message={rotate.error ? errorMessage(rotate.error) : null} />
        </div>
      ) : null}
    </section>
  );
}
