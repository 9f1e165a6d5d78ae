import type { ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';

// Markdown written by program leads (instructions, terms), shown to MVPs. react-markdown builds React
// elements, never HTML strings: raw HTML in the text is dropped (skipHtml) and link targets go through
// its URL filter, so `javascript:` links cannot run. No rehype-raw, on purpose.

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

function heading(level: number) {
  const Tag = `h${Math.min(level, 6) as HeadingLevel}` as const;
  return (props: ComponentProps<'h2'>) => <Tag>{props.children}</Tag>;
}

const shared: Components = {
  // Links lead away from Fieldtest: a new tab, without telling the other site where the reader came from.
  // A target the URL filter emptied (`javascript:`…) leaves its text and no link.
  a: (props) =>
    props.href ? (
      <a href={props.href} target="_blank" rel="noopener noreferrer nofollow">
        {props.children}
      </a>
    ) : (
      <span>{props.children}</span>
    ),
  // The portal's CSP loads no images from other sites; a link to the image works wherever it lives.
  img: (props) =>
    typeof props.src === 'string' ? (
      <a href={props.src} target="_blank" rel="noopener noreferrer nofollow">
        {props.alt || 'Image'}
      </a>
    ) : null,
};

const byTopLevel = new Map<HeadingLevel, Components>();

/** Headings inside the text sit below the page's own: its "#" becomes `top`, "##" the level under it… */
function componentsFor(top: HeadingLevel): Components {
  let components = byTopLevel.get(top);
  if (!components) {
    components = { ...shared };
    for (const level of [1, 2, 3, 4, 5, 6] as const) components[`h${level}`] = heading(top + level - 1);
    byTopLevel.set(top, components);
  }
  return components;
}

export default function MarkdownView(props: { text: string; headingLevel?: HeadingLevel }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml components={componentsFor(props.headingLevel ?? 3)}>
        {props.text}
      </ReactMarkdown>
    </div>
  );
}
