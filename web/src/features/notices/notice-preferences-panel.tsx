import { useEffect, useId, useState } from 'react';
import { useLocation } from 'react-router';
import {
  type NoticeDelivery,
  type NoticeKind,
  type NoticePreference,
  noticeDeliveries,
  updateNoticePreferencesBody,
} from '#api/notices/notices.schemas.ts';
import { Notice, SchemaForm, useSchemaForm } from '../../lib/form.tsx';
import { useNoticePreferences, useUpdateNoticePreferences } from './notices-api.ts';
import './notice-preferences-panel.css';
import { LoadState } from '../../lib/page-state.tsx';

const deliveryNames: Record<NoticeDelivery, string> = {
  immediate: 'At once',
  daily: 'In a daily digest',
  off: 'Off',
};

/**
 * How the signed-in person hears about the bugs they found, per kind of notice: an e-mail at once,
 * a line in one daily digest, or nothing. E-mails link here (`#notices`), on the MVP's profile and
 * on staff's account page.
 */
export function NoticePreferencesPanel() {
  const preferences = useNoticePreferences();
  const { hash } = useLocation();
  const loaded = preferences.data !== undefined;
  // The panel renders after its data: the browser's own jump to #notices came too early.
  useEffect(() => {
    if (loaded && hash === '#notices') document.getElementById('notices')?.scrollIntoView();
  }, [loaded, hash]);
  return (
    <section id="notices" aria-labelledby="notices-heading" className="notice-preferences">
      <h2 id="notices-heading">E-mail notices</h2>
      <p className="hint">
        What engineering does with the bugs you found (reported, or said “me too” to) reaches you by e-mail. Choose for
        each kind whether it comes at once, gathered into one digest a day, or not at all.
      </p>
      <LoadState query={preferences} />
      {preferences.data ? <NoticePreferencesForm items={preferences.data.items} /> : null}
    </section>
  );
}

function NoticePreferencesForm(props: { items: NoticePreference[] }) {
  const id = useId();
  const [choices, setChoices] = useState(
    () =>
      Object.fromEntries(props.items.map((item) => [item.kind, item.delivery])) as Record<NoticeKind, NoticeDelivery>,
  );
  const update = useUpdateNoticePreferences();
  const form = useSchemaForm(updateNoticePreferencesBody, update);
  const choose = (kind: NoticeKind, delivery: NoticeDelivery) => {
    update.reset();
    setChoices((current) => ({ ...current, [kind]: delivery }));
  };

  return (
    <SchemaForm
      form={form}
      onSubmit={form.onSubmit(() => ({ preferences: choices }))}
      submitLabel="Save e-mail choices"
    >
      {props.items.map((item) => {
        const error = form.fieldErrors[`preferences.${item.kind}`];
        const group = `${id}-${item.kind}`;
        return (
          <fieldset
            key={item.kind}
            className={error ? 'notice-kind has-error' : 'notice-kind'}
            aria-describedby={[`${group}-hint`, error ? `${group}-error` : ''].filter(Boolean).join(' ')}
          >
            <legend>{item.label}</legend>
            <p className="hint" id={`${group}-hint`}>
              {item.description}
            </p>
            <div className="notice-deliveries">
              {noticeDeliveries.map((delivery) => (
                <span key={delivery} className="notice-delivery">
                  <input
                    type="radio"
                    id={`${group}-${delivery}`}
                    name={`notice-${item.kind}`}
                    value={delivery}
                    checked={choices[item.kind] === delivery}
                    onChange={() => choose(item.kind, delivery)}
                  />
                  <label htmlFor={`${group}-${delivery}`}>{deliveryNames[delivery]}</label>
                </span>
              ))}
            </div>
            {error ? (
              <p className="field-error" id={`${group}-error`}>
                {error}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      {update.isSuccess ? <Notice tone="success">Your e-mail choices are saved.</Notice> : null}
    </SchemaForm>
  );
}
