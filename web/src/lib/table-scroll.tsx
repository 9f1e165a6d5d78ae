import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

/**
 * A wide table's frame: it scrolls sideways when the table is wider than the screen. While it does,
 * the frame is a named region in the tab order, so that keyboard users can scroll it too; its name
 * is the table's caption, or else the heading of the section it stands in.
 */
export function TableScroll(props: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [name, setName] = useState<string | null>(null);

  useLayoutEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const check = () => {
      if (frame.scrollWidth <= frame.clientWidth + 1) return setName(null);
      const caption = frame.querySelector('caption')?.textContent?.trim();
      const heading = frame.closest('section')?.querySelector('h2, h3')?.textContent?.trim();
      setName(caption || heading || 'Table');
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(frame);
    if (frame.firstElementChild) observer.observe(frame.firstElementChild);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={ref}
      className="table-scroll"
      {...(name === null ? {} : { role: 'region', 'aria-label': `${name} (scrolls sideways)`, tabIndex: 0 })}
    >
      {props.children}
    </div>
  );
}
