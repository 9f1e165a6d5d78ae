import { type ReactNode, useEffect, useRef, useState } from 'react';

/** A button for a step that cannot be undone: the first press asks, next to the button, and focuses the answer. */
export function ConfirmButton(props: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  tone?: 'primary' | 'secondary' | 'danger';
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    // Back from the question, focus returns to where it was rather than to the top of the page.
    else if (answered.current) triggerRef.current?.focus();
  }, [asking]);
  const close = () => {
    answered.current = true;
    setAsking(false);
  };
  const tone = props.tone ?? 'primary';
  const buttonClass = tone === 'primary' ? undefined : tone === 'danger' ? 'secondary danger-text' : 'secondary';

  if (!asking) {
    return (
      <button
        ref={triggerRef}
        type="button"
        className={buttonClass}
        disabled={props.disabled}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend className="visually-hidden">{props.label}</legend>
      <p>{props.question}</p>
      <div className="button-row">
        <button
          ref={confirmRef}
          type="button"
          className={tone === 'danger' ? 'danger' : undefined}
          disabled={props.disabled}
          onClick={() => {
            close();
            props.onConfirm();
          }}
        >
          {props.confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={close}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
