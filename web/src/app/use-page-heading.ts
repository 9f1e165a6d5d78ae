import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * Every page names itself by its one `h1`: the window's title follows it ("Release 1.0 · Fieldtest"),
 * and after a navigation, focus moves to it, so that a screen reader announces the new page and the
 * keyboard starts from its top. Pages load their data after they mount, so the heading is watched
 * for as it appears and changes. Focus moves only when nothing else claimed it meanwhile: the link
 * that was followed (or nothing) still holds it.
 */
export function usePageHeading() {
  const { pathname } = useLocation();
  const firstPage = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again on each new page
  useEffect(() => {
    const content = document.getElementById('content');
    if (!content) return;
    let focusDue = !firstPage.current;
    firstPage.current = false;
    const movable = () => {
      const active = document.activeElement;
      return !active || active === document.body || active instanceof HTMLAnchorElement || !!active.closest('header');
    };
    const update = () => {
      const heading = content.querySelector('h1');
      const text = heading?.textContent?.replace(/\s+/g, ' ').trim();
      const title = text ? `${text} · Fieldtest` : 'Fieldtest';
      if (heading && document.title !== title) document.title = title;
      if (heading && focusDue) {
        focusDue = false;
        if (movable()) {
          heading.tabIndex = -1;
          heading.focus();
        }
      }
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(content, { subtree: true, childList: true, characterData: true });
    // A page that never shows its heading (an error) must not take focus much later.
    const giveUp = setTimeout(() => {
      focusDue = false;
    }, 10_000);
    return () => {
      observer.disconnect();
      clearTimeout(giveUp);
    };
  }, [pathname]);
}
