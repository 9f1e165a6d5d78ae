import { useState } from 'react';
import type { z } from 'zod';
import type { outboxMessageSchema } from '#api/outbox/outbox.schemas.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadMoreButton, LoadState } from '../../lib/page-state.tsx';
import { LinkifiedText } from './linkified-text.tsx';
import { useOutbox } from './outbox-api.ts';
import './outbox.css';
import { FilterButtons } from '../../lib/filter-buttons.tsx';

type OutboxMessage = z.output<typeof outboxMessageSchema>;

const statusNames: Record<OutboxMessage['status'], string> = {
  held: 'Held',
  pending: 'Waiting to send',
  sent: 'Sent',
  failed: 'Failed',
};

const statusHints: Record<OutboxMessage['status'], string> = {
  held: 'No SMTP server is configured: this message is only shown here',
  pending: 'Will be sent shortly, or retried',
  sent: 'Handed to the SMTP server',
  failed: 'Gave up after several attempts',
};

/** Every e-mail Fieldtest wrote, newest first. Without SMTP this is where invitation links are found. */
export function OutboxPage() {
  const [filter, setFilter] = useState('');
  const [to, setTo] = useState('');
  const outbox = useOutbox(to);
  const firstPage = outbox.data?.pages[0];
  const messages = outbox.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <main>
      <h1>Outbox</h1>
      <p className="lead">Every e-mail Fieldtest wrote, newest first, with what became of it.</p>
      {firstPage && !firstPage.smtpConfigured ? (
        <p className="notice">
          <strong>No SMTP server is configured</strong> (<code>SMTP_URL</code>), so Fieldtest sends no e-mail: messages
          are held here. Open one to read it, and pass its link on yourself.
        </p>
      ) : null}
      <form
        className="inline-form filter-form"
        aria-label="Filter messages"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTo(filter.trim());
        }}
      >
        <div className="field">
          <label htmlFor="outbox-to">Recipient</label>
          <input
            id="outbox-to"
            type="search"
            inputMode="email"
            autoComplete="off"
            placeholder="Everyone"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
        <FilterButtons
          filtered={to !== ''}
          onShowAll={() => {
            setFilter('');
            setTo('');
          }}
        />
      </form>
      <LoadState query={outbox} />
      {outbox.data && messages.length === 0 ? (
        <p className="hint">{to ? `No message to ${to}.` : 'No message yet.'}</p>
      ) : null}
      {messages.length ? (
        <ul className="messages">
          {messages.map((message) => (
            <li key={message.id}>
              <details className="message">
                <summary>
                  <span className="message-subject">{message.subject}</span>
                  <span className="message-meta">
                    to {message.to} · {formatDateTime(message.createdAt)} ·{' '}
                    <span className={`badge badge-mail-${message.status}`} title={statusHints[message.status]}>
                      {statusNames[message.status]}
                    </span>
                  </span>
                </summary>
                {message.lastError && message.status !== 'sent' ? (
                  <p className="field-error">
                    Last attempt ({message.attempts}): {message.lastError}
                  </p>
                ) : null}
                <pre className="mail-text">
                  <LinkifiedText text={message.text} />
                </pre>
              </details>
            </li>
          ))}
        </ul>
      ) : null}
      <LoadMoreButton query={outbox}>Older messages</LoadMoreButton>
    </main>
  );
}
