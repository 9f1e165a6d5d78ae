import { useState } from 'react';
import type { ProgramMembers as Members, ProgramMember } from '#api/program-members/program-members.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { ConfirmButton } from '../../lib/confirm-button.tsx';
import { Field, FormAlert } from '../../lib/form.tsx';
import { LoadState } from '../../lib/page-state.tsx';
import { roleNames, useSignedInUser } from '../../lib/session.ts';
import { useProgramMembers, useRemoveProgramMember, useSetProgramMember } from './program-members-api.ts';

/**
 * Who works on the program: engineers and internal testers see only the programs they are members
 * of; a lead also manages the program. Admins and the program's leads add, promote and remove.
 */
export function ProgramMembers(props: { programId: string }) {
  const { role } = useSignedInUser();
  if (role === 'mvp') return null;
  return <MembersSection programId={props.programId} />;
}

function MembersSection(props: { programId: string }) {
  const members = useProgramMembers(props.programId);
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <p className="hint">
        Engineers and internal testers work only on the programs they are members of. A lead also manages the program's
        releases, cohorts, settings and members. Admins work on every program.
      </p>
      <LoadState query={members} />
      {members.data ? <MembersList programId={props.programId} members={members.data} /> : null}
    </section>
  );
}

function MembersList(props: { programId: string; members: Members }) {
  const { members } = props;
  return (
    <>
      {members.items.length === 0 ? <p className="hint">No member yet.</p> : null}
      {members.items.length ? (
        <ul className="item-list" aria-label="Members">
          {members.items.map((member) => (
            <MemberRow key={member.userId} programId={props.programId} member={member} canManage={members.canManage} />
          ))}
        </ul>
      ) : null}
      {members.canManage ? <AddMemberForm programId={props.programId} candidates={members.candidates} /> : null}
    </>
  );
}

function MemberRow(props: { programId: string; member: ProgramMember; canManage: boolean }) {
  const { member } = props;
  const me = useSignedInUser();
  const setMember = useSetProgramMember(props.programId);
  const remove = useRemoveProgramMember(props.programId);
  const busy = setMember.isPending || remove.isPending;
  const error = setMember.error ?? remove.error;
  return (
    <li>
      <span className="item-title">{member.name}</span>
      {member.userId === me.id ? <span className="you"> (you)</span> : null}{' '}
      <span className="badge">{roleNames[member.role]}</span>
      {member.lead ? <span className="badge badge-active">Lead</span> : null}
      <span className="item-meta">{member.email}</span>
      {props.canManage ? (
        <span className="button-row">
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => setMember.mutate({ userId: member.userId, lead: !member.lead })}
          >
            {member.lead ? `Remove ${member.name} as lead` : `Make ${member.name} lead`}
          </button>
          <ConfirmButton
            label={`Remove ${member.name}`}
            question={`${member.name} will no longer see this program.`}
            confirmLabel="Remove"
            tone="danger"
            disabled={busy}
            onConfirm={() => remove.mutate(member.userId)}
          />
        </span>
      ) : null}
      <FormAlert message={error ? errorMessage(error) : null} />
    </li>
  );
}

function AddMemberForm(props: { programId: string; candidates: Members['candidates'] }) {
  const [userId, setUserId] = useState('');
  const [lead, setLead] = useState(false);
  const add = useSetProgramMember(props.programId);
  const chosen = props.candidates.some((candidate) => candidate.id === userId) ? userId : '';
  if (props.candidates.length === 0) {
    return <p className="hint">Every engineer and internal tester is a member already.</p>;
  }
  return (
    <form
      className="inline-form"
      aria-label="Add a member"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen) return;
        add.mutate({ userId: chosen, lead }, { onSuccess: () => setLead(false) });
      }}
    >
      <FormAlert message={add.error ? errorMessage(add.error) : null} />
      <Field label="Staff member" name="userId">
        {(attributes) => (
          <select {...attributes} value={chosen} onChange={(event) => setUserId(event.target.value)}>
            <option value="">Choose an engineer or internal tester</option>
            {props.candidates.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} ({roleNames[candidate.role]}, {candidate.email})
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={lead} onChange={(event) => setLead(event.target.checked)} /> Lead of this
        program
      </label>
      <button type="submit" disabled={!chosen || add.isPending}>
        Add member
      </button>
    </form>
  );
}
