import { useState } from 'react';

/** Copies a text (a link to share) to the clipboard, and says whether that worked. */
export function CopyButton(props: { text: string; label?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setCopied('yes');
    } catch {
      // Without clipboard access (plain http on another host) the text can still be selected by hand.
      setCopied('failed');
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={copy}>
        {props.label ?? 'Copy link'}
      </button>
      <span role="status" className={copied === 'yes' ? 'success' : 'hint'}>
        {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Copying is not allowed here; select the text.' : ''}
      </span>
    </>
  );
}
