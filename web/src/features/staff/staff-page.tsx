import { useState } from 'react';
import { staffRoles } from '#api/lib/roles.ts';
import { createStaffMemberBody } from '#api/staff/staff.schemas.ts';
import { DataTable } from '../../lib/data-table.tsx';
import { Field, InputField, SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { LoadState } from '../../lib/page-state.tsx';
import { roleNames, useSignedInUser } from '../../lib/session.ts';
import { PasswordLinkBox } from './password-link-box.tsx';
import { type StaffRole, useCreateStaffMember, useStaffList } from './staff-api.ts';
import { StaffMemberRow } from './staff-member-row.tsx';
import './staff.css';

const roleHints: Record<StaffRole, string> = {
  admin: 'Admins manage staff and every program, its releases and its members.',
  engineer:
    "Engineers triage the bug reports of the programs they are members of; a program's page adds members and leads.",
  internal_tester:
    "Internal testers file bugs next to the MVPs of the programs they are members of; a program's page adds them.",
};

export function StaffPage() {
  const me = useSignedInUser();
  const staff = useStaffList();
  const [values, setValues] = useState<{ name: string; email: string; role: StaffRole }>({
    name: '',
    email: '',
    role: 'engineer',
  });
  const create = useCreateStaffMember();
  const form = useSchemaForm(createStaffMemberBody, create);
  const created = create.data;

  return (
    <main>
      <h1>Staff</h1>
      <p className="lead">
        Everyone at the company who works in Fieldtest. Engineers and internal testers see only the programs they are
        members of (added on each program's page, where a member can also be made its lead). MVPs join programs by
        invitation instead.
      </p>
      <section aria-labelledby="add-heading">
        <h2 id="add-heading">Add a staff member</h2>
        <SchemaForm
          form={form}
          className="inline-form"
          onSubmit={form.onSubmit(() => values, {
            onSuccess: () => setValues((current) => ({ name: '', email: '', role: current.role })),
          })}
          submitLabel="Add staff member"
        >
          <InputField
            label="Name"
            name="name"
            error={form.fieldErrors.name}
            autoComplete="off"
            value={values.name}
            onChange={(value) => setValues({ ...values, name: value })}
          />
          <InputField
            label="E-mail"
            name="email"
            error={form.fieldErrors.email}
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={(value) => setValues({ ...values, email: value })}
          />
          <Field label="Role" name="role" error={form.fieldErrors.role} hint={roleHints[values.role]}>
            {(attributes) => (
              <select
                {...attributes}
                value={values.role}
                onChange={(e) => setValues({ ...values, role: e.target.value as StaffRole })}
              >
                {staffRoles.map((role) => (
                  <option key={role} value={role}>
                    {roleNames[role]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </SchemaForm>
        {created ? <PasswordLinkBox name={created.member.name} link={created.passwordLink} /> : null}
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">Everyone on staff</h2>
        <LoadState query={staff} />
        {staff.data ? (
          <DataTable
            className="staff-table"
            rows={staff.data.items}
            rowKey={(member) => member.id}
            headers={[
              { header: 'Name' },
              { header: 'Role' },
              { header: 'Status' },
              { header: 'GitHub login' },
              { header: 'Actions', headerHidden: true },
            ]}
            renderRow={(member) => (
              <StaffMemberRow
                member={member}
                isSelf={member.id === me.id}
                // A new link voids the one shown above, and a disabled account cannot use it.
                onChanged={(id) => (created?.member.id === id ? create.reset() : undefined)}
              />
            )}
          />
        ) : null}
      </section>
    </main>
  );
}
