import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { applyBody, type JoinInfo } from '#api/join/join.schemas.ts';
import { linkTokenSchema } from '#api/lib/account-fields.ts';
import { CompanyField, NameField, TestSetupFields } from '../../lib/account-fields.tsx';
import { api, unwrap } from '../../lib/api-client.ts';
import { Field, InputField, SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { formatWindow } from '../../lib/format.ts';
import { LinkCheck } from '../../lib/link-check.tsx';
import { ListDetail } from '../../lib/list-detail.tsx';
import { splitCommas } from '../../lib/list-text.ts';
import { useLinkToken } from '../../lib/one-time-link.ts';

/** The public page behind a release's join link (`/join#<token>`): anyone may apply; the program lead decides. */
export function JoinPage() {
  const { token, malformed } = useLinkToken();
  const info = useQuery({
    queryKey: ['join', token],
    queryFn: () => unwrap(api.join.inspect.$post({ json: { token } })),
    enabled: linkTokenSchema.safeParse(token).success,
  });

  return (
    <main className="narrow">
      <h1>{info.data ? `Join ${info.data.programName}` : 'Join a test program'}</h1>
      <LinkCheck token={token} malformed={malformed} from="you were given" checking="Checking the link…" query={info} />
      {info.data ? <JoinInfoAndForm token={token} info={info.data} /> : null}
    </main>
  );
}

const emptyValues = { name: '', email: '', company: '', jobRole: '', platforms: '', devices: '', motivation: '' };

function JoinInfoAndForm(props: { token: string; info: JoinInfo }) {
  const { info } = props;
  const [values, setValues] = useState(emptyValues);
  const apply = useMutation({
    mutationFn: (json: z.output<typeof applyBody>) => unwrap(api.join.apply.$post({ json })),
  });
  const request = {
    token: props.token,
    ...values,
    platforms: splitCommas(values.platforms),
    devices: splitCommas(values.devices),
  };
  // Each field is checked as it is left, and its error clears as soon as it is fixed.
  const form = useSchemaForm(applyBody, apply, { values: request });
  const set = (key: keyof typeof emptyValues) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  if (apply.isSuccess) {
    return (
      <div className="card" role="status">
        <h2>Check your e-mail</h2>
        <p>
          We sent a link to <strong>{apply.data.email}</strong>. Open it within a day to confirm your application to
          test {info.product} {info.releaseVersion}: the program lead of {info.programName} sees it only once it is
          confirmed.
        </p>
        <p className="hint">
          No e-mail after a few minutes? Look in your spam folder, or check the address and apply again.
        </p>
      </div>
    );
  }
  return (
    <>
      <div className="card">
        <p>
          Help test <strong>{info.product}</strong> release <strong>{info.releaseVersion}</strong> before it ships, and
          tell its engineers what you find.
        </p>
        <dl className="details">
          <dt>Test window</dt>
          <dd>{formatWindow(info.testStart, info.testEnd)}</dd>
          <ListDetail term="Focus areas" items={info.focusAreas} />
        </dl>
      </div>
      {info.open ? (
        <SchemaForm
          form={form}
          className="card"
          aria-labelledby="apply-heading"
          onSubmit={form.onSubmit(() => request)}
          submitLabel="Apply to test"
          intro={<h2 id="apply-heading">Apply</h2>}
        >
          <NameField value={values.name} onChange={set('name')} error={form.fieldErrors.name} />
          <InputField
            label="E-mail"
            name="email"
            error={form.fieldErrors.email}
            type="email"
            autoComplete="email"
            value={values.email}
            onChange={set('email')}
          />
          <CompanyField value={values.company} onChange={set('company')} error={form.fieldErrors.company} />
          <InputField
            label="Role"
            name="jobRole"
            error={form.fieldErrors.jobRole}
            hint="Your job, e.g. IT administrator."
            autoComplete="organization-title"
            value={values.jobRole}
            onChange={set('jobRole')}
          />
          <TestSetupFields platforms={values.platforms} devices={values.devices} set={set} errors={form.fieldErrors} />
          <Field label="Why do you want in?" name="motivation" error={form.fieldErrors.motivation}>
            {(attributes) => (
              <textarea
                {...attributes}
                rows={4}
                value={values.motivation}
                onChange={(event) => set('motivation')(event.target.value)}
              />
            )}
          </Field>
        </SchemaForm>
      ) : (
        <p className="notice" role="status">
          {info.reason ?? 'This join link takes no applications at the moment.'}
        </p>
      )}
    </>
  );
}
