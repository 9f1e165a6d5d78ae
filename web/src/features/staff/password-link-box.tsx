import { useState } from 'react';
import { Link } from 'react-router';
import type { PasswordLink } from '#api/staff/staff.schemas.ts';
import { formatDateTime } from '../../lib/format.ts';
import './staff.css';

/**
 * A freshly made one-time link, shown once: the API keeps only its hash, so it cannot be shown again.
 * It was e-mailed to the person too; the page shows it for when that e-mail does not arrive.
 */
export function PasswordLinkBox(props: { name: string; link: PasswordLink }) {
  const { link } = props;
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied('yes');
    } catch {
      // Without clipboard access (plain http on another host) the link can still be selected by hand.
      setCopied('failed');
    }
  };
  return (
    <div className="link-box" role="status">
      {link.mail.status === 'pending' ? (
        <p>
          We e-mailed <strong>{props.name}</strong> a link to choose a password, to <strong>{link.mail.to}</strong>.
        </p>
      ) : (
        <p>
          The e-mail to <strong>{link.mail.to}</strong> with a link to choose a password waits in the{' '}
          <Link to="/outbox">Outbox</Link>, since no mail server is configured: pass the link on yourself.
        </p>
      )}
      <p>
        Here is the link too, if the e-mail does not arrive. It works only once and expires on{' '}
        {formatDateTime(link.expiresAt)}. Anyone holding it can set the password, so share it privately; it will not be
        shown again, but you can make a new one at any time.
      </p>
      <div className="link-row">
        <code className="copyable" data-testid="password-link">
          {link.url}
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
