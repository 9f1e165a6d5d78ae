import { useState } from 'react';
import { formatDateTime } from '../../lib/format.ts';

/** A freshly made one-time link, shown once: the API keeps only its hash, so it cannot be shown again. */
export function PasswordLinkBox(props: { name: string; url: string; expiresAt: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.url);
      setCopied('yes');
    } catch {
      // Without clipboard access (plain http on another host) the link can still be selected by hand.
      setCopied('failed');
    }
  };
  return (
    <div className="link-box" role="status">
      <p>
        Send this link to <strong>{props.name}</strong> so they can choose a password. It works only once and expires on{' '}
        {formatDateTime(props.expiresAt)}. Anyone holding it can set the password, so share it privately; it will not be
        shown again, but you can make a new one at any time.
      </p>
      <div className="link-row">
        <code className="copyable" data-testid="password-link">
          {props.url}
        </code>
        <button type="button" className="secondary" onClick={copy}>
          Copy link
        </button>
      </div>
      {copied === 'yes' ? <p className="success">Copied.</p> : null}
      {copied === 'failed' ? <p className="hint">Copying is not allowed here; select the link and copy it.</p> : null}
    </div>
  );
}
