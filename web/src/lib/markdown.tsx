import { lazy, Suspense } from 'react';
import type { HeadingLevel } from './markdown-view.tsx';
import './markdown.css';

// The Markdown parser is most of the portal's weight and only some pages show Markdown: it loads
// with the first of them. Until then the text shows as it was written, which reads well enough.
const MarkdownView = lazy(() => import('./markdown-view.tsx'));

/** `headingLevel`: the level a "#" heading in the text takes (default 3, under the page's h1 and its section's h2). */
export function Markdown(props: { text: string; headingLevel?: HeadingLevel }) {
  return (
    <Suspense fallback={<div className="markdown markdown-loading">{props.text}</div>}>
      <MarkdownView {...props} />
    </Suspense>
  );
}
