import type { ReactNode } from 'react';

// Web addresses in a plain-text e-mail; a full stop or bracket right after one ends the sentence, not the link.
const urlPattern = /https?:\/\/[^\s<>"]+/g;
const trailing = /[.,;:!?)\]'"]+$/;

/** Plain text with its http(s) links made clickable; nothing in it is read as HTML. */
export function LinkifiedText(props: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of props.text.matchAll(urlPattern)) {
    const url = match[0].replace(trailing, '');
    const start = match.index;
    parts.push(props.text.slice(last, start));
    parts.push(
      <a key={start} href={url} target="_blank" rel="noopener noreferrer">
        {url}
      </a>,
    );
    last = start + url.length;
  }
  parts.push(props.text.slice(last));
  return <>{parts}</>;
}
