import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createStaffMemberBody, staffRoles } from '../../../../api/staff/staff.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { Field, FormAlert, useSchemaForm } from '../../lib/form.tsx';
import { roleNames } from '../auth/use-session.ts';

const staffQueryKey = ['staff'] as const;

type PasswordLink = { url: string; expiresAt: string; name: string };

export function StaffPage() {
  const queryClient = useQueryClient();
  const staff = useQuery({ queryKey: staffQueryKey, queryFn: () => unwrap(api.staff.$get()) });
  const [values, setValues] = useState({ name: '', email: '', role: 'engineer' as (typeof staffRoles)[number] });
  const [link, setLink] = useState<PasswordLink | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const form = useSchemaForm(createStaffMemberBody, async (json) => {
    const created = await unwrap(api.staff.$post({ json }));
    setLink({ ...created.passwordLink, name: created.member.name });
    setValues({ name: '', email: '', role: values.role });
    await queryClient.invalidateQueries({ queryKey: staffQueryKey });
  });
  const update = useMutation({
    mutationFn: (change: { id: string; role?: (typeof staffRoles)[number]; disabled?: boolean }) => {
      const { id, ...json } = change;
      return unwrap(api.staff[':id'].$patch({ param: { id }, json }));
    },
    onMutate: () => setRowError(null),
    onError: (error) => setRowError(error.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: staffQueryKey }),
  });
  const relink = useMutation({
    mutationFn: (member: { id: string; name: string }) =>
      unwrap(api.staff[':id']['password-link'].$post({ param: { id: member.id } })).then((created) => ({
        ...created,
        name: member.name,
      })),
    onSuccess: setLink,
    onError: (error) => setRowError(error.message),
  });

  return (
    <main>
      <h1>Staff</h1>
      <section>
        <h2>Add staff member</h2>
        <form className="inline-form" onSubmit={form.onSubmit(() => values)} noValidate>
          <FormAlert message={form.formError} />
          <Field label="Name" error={form.fieldErrors.name}>
            {(attributes) => (
              <input
                {...attributes}
                value={values.name}
                onChange={(e) => setValues({ ...values, name: e.target.value })}
              />
            )}
          </Field>
          <Field label="E-mail" error={form.fieldErrors.email}>
            {(attributes) => (
              <input
                {...attributes}
                type="email"
                value={values.email}
                onChange={(e) => setValues({ ...values, email: e.target.value })}
              />
            )}
          </Field>
          <Field label="Role" error={form.fieldErrors.role}>
            {(attributes) => (
              <select
                {...attributes}
                value={values.role}
                onChange={(e) => setValues({ ...values, role: e.target.value as (typeof staffRoles)[number] })}
              >
                {staffRoles.map((role) => (
                  <option key={role} value={role}>
                    {roleNames[role]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={form.pending}>
            Add staff member
          </button>
        </form>
        {link ? (
          <div className="link-box" role="status">
            <p>
              Give this single-use link to <strong>{link.name}</strong> to choose a password. It works once and expires{' '}
              {new Date(link.expiresAt).toLocaleString()}.
            </p>
            <code className="copyable">{link.url}</code>
            <button type="button" onClick={() => navigator.clipboard?.writeText(link.url)}>
              Copy link
            </button>
          </div>
        ) : null}
      </section>
      <section>
        <h2>Everyone on staff</h2>
        <FormAlert message={rowError} />
        {staff.isPending ? <p>Loading…</p> : null}
        {staff.error ? <FormAlert message={staff.error.message} /> : null}
        {staff.data ? (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>E-mail</th>
                <th>Role</th>
                <th>Status</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.data.items.map((member) => (
                <tr key={member.id} className={member.status === 'disabled' ? 'muted' : undefined}>
                  <td>{member.name}</td>
                  <td>{member.email}</td>
                  <td>
                    <select
                      aria-label={`Role of ${member.name}`}
                      value={member.role}
                      onChange={(e) =>
                        update.mutate({ id: member.id, role: e.target.value as (typeof staffRoles)[number] })
                      }
                    >
                      {staffRoles.map((role) => (
                        <option key={role} value={role}>
                          {roleNames[role]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{member.status}</td>
                  <td className="actions">
                    {member.status !== 'disabled' ? (
                      <button type="button" className="link-button" onClick={() => relink.mutate(member)}>
                        New password link
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => update.mutate({ id: member.id, disabled: member.status !== 'disabled' })}
                    >
                      {member.status === 'disabled' ? 'Enable' : 'Disable'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </main>
  );
}
