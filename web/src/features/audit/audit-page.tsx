import { useState } from 'react';
import type { AuditEntry } from '#api/audit/audit.schemas.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type AuditFilters, noAuditFilters, useAuditEntries, useAuditFilterChoices } from './audit-api.ts';
import './audit-page.css';
import { FilterButtons } from '../../lib/filter-buttons.tsx';
import { LoadMoreButton, LoadState } from '../../lib/page-state.tsx';
import { TableScroll } from '../../lib/table-scroll.tsx';

const actionNames: Record<AuditEntry['action'], string> = {
  'program.created': 'Program created',
  'program.settings_changed': 'Program settings changed',
  'program.member_changed': 'Program member changed',
  'program.github_credential_changed': 'GitHub credential changed',
  'terms.published': 'Terms published',
  'release.created': 'Release created',
  'release.changed': 'Release changed',
  'release.shipped': 'Release shipped',
  'enrolment.changed': 'Enrolment changed',
  'mvp.removed': 'MVP removed',
  'mvp.erased': 'MVP erased',
  'mvp.disabled': 'MVP disabled',
  'mvp.enabled': 'MVP enabled',
  'staff.invited': 'Staff invited',
  'staff.role_changed': 'Staff role changed',
  'staff.disabled': 'Staff disabled',
  'staff.enabled': 'Staff enabled',
  'staff.github_login_changed': 'GitHub login mapped',
  'sync.dead_letter_retried': 'Dead letter retried',
  'rescue.sent': 'Rescue sent',
};

/** Who changed what, newest first: for admins to answer "who moved the threshold?". */
export function AuditPage() {
  const [draft, setDraft] = useState<AuditFilters>(noAuditFilters);
  const [filters, setFilters] = useState<AuditFilters>(noAuditFilters);
  const entries = useAuditEntries(filters);
  const choices = useAuditFilterChoices();
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(filters).some((value) => value !== '');
  const field = (name: keyof AuditFilters) => ({
    id: `audit-${name}`,
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }),
  });

  return (
    <main>
      <h1>Audit</h1>
      <p className="lead">
        Every administrative change, newest first: who made it, when, and what it changed from and to.
      </p>
      <form
        className="inline-form filter-form"
        aria-label="Filter the audit trail"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <div className="field">
          <label htmlFor="audit-programId">Program</label>
          <select {...field('programId')}>
            <option value="">All programs</option>
            {choices.programs.map((program) => (
              <option key={program.id} value={program.id}>
                {program.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select {...field('action')}>
            <option value="">All actions</option>
            {Object.entries(actionNames).map(([action, name]) => (
              <option key={action} value={action}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actorId">By</label>
          <select {...field('actorId')}>
            <option value="">Anyone</option>
            {choices.staff.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input type="date" {...field('from')} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input type="date" {...field('to')} />
        </div>
        <FilterButtons
          filtered={filtered}
          onShowAll={() => {
            setDraft(noAuditFilters);
            setFilters(noAuditFilters);
          }}
        />
      </form>
      <LoadState query={entries} />
      {entries.data && items.length === 0 ? (
        <p className="hint">{filtered ? 'No change matches these filters.' : 'No change recorded yet.'}</p>
      ) : null}
      {items.length ? (
        <TableScroll>
          <table className="card-table audit-table">
            <caption className="visually-hidden">Audit trail</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">By</th>
                <th scope="col">Action</th>
                <th scope="col">Program</th>
                <th scope="col">What changed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{formatDateTime(entry.at)}</th>
                  <td data-label="By">{entry.actorName}</td>
                  <td data-label="Action">{actionNames[entry.action] ?? entry.action}</td>
                  <td data-label="Program">{entry.programName ?? '—'}</td>
                  <td data-label="What changed">
                    <Changes before={entry.before} after={entry.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <LoadMoreButton query={entries}>Older changes</LoadMoreButton>
    </main>
  );
}

/** One line per field: its value before → after (a creation has only "after"). */
function Changes(props: { before: AuditEntry['before']; after: AuditEntry['after'] }) {
  const fields = [...new Set([...Object.keys(props.before ?? {}), ...Object.keys(props.after ?? {})])];
  if (fields.length === 0) return <>—</>;
  return (
    <ul className="audit-changes">
      {fields.map((name) => (
        <li key={name}>
          <code>{name}</code>:{' '}
          {props.before && name in props.before ? (
            <>
              {shown(props.before[name])} → {shown(props.after?.[name])}
            </>
          ) : (
            shown(props.after?.[name])
          )}
        </li>
      ))}
    </ul>
  );
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ') || '(none)';
  if (Array.isArray(value)) return value.map((item) => shownObject(item)).join(', ') || '(none)';
  return shownObject(value);
}

function shownObject(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'label' in value && 'level' in value)
    return `${String(value.label)} = ${String(value.level)}`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
