import { useCallback, useEffect, useRef, useState } from 'react';
import { clearLocalDraft, type DraftValues, type StoredDraft, writeLocalDraft } from './report-draft.ts';
import { deleteServerDraft, saveServerDraft, saveServerDraftOnLeave } from './report-form-api.ts';

const serverDelayMs = 1500;

export type DraftSaveState = { at: string; where: 'browser' | 'server' } | null;

/**
 * Keeps the draft: in localStorage at once, on the server once typing pauses (report-form-api.ts
 * queues server writes in order). A save still waiting when the page goes away is sent at once.
 */
export function useDraftAutosave(userId: string) {
  const [saved, setSaved] = useState<DraftSaveState>(null);
  const waiting = useRef<StoredDraft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const sendWaiting = useCallback(() => {
    clearTimeout(timer.current);
    const draft = waiting.current;
    if (!draft) return;
    waiting.current = null;
    // A failed server save leaves the browser's copy, and the status says so.
    saveServerDraft(draft).then(
      () => {
        if (!waiting.current) setSaved({ at: draft.editedAt, where: 'server' });
      },
      () => {},
    );
  }, []);

  const save = useCallback(
    (values: DraftValues) => {
      const draft = { values, editedAt: new Date().toISOString() };
      writeLocalDraft(userId, draft);
      setSaved({ at: draft.editedAt, where: 'browser' });
      waiting.current = draft;
      clearTimeout(timer.current);
      timer.current = setTimeout(sendWaiting, serverDelayMs);
    },
    [userId, sendWaiting],
  );

  /** After filing (or discarding): nothing waits, and the server's copy goes after any save in flight. */
  const clear = useCallback(() => {
    clearTimeout(timer.current);
    waiting.current = null;
    clearLocalDraft(userId);
    setSaved(null);
    deleteServerDraft().catch(() => {});
  }, [userId]);

  useEffect(() => {
    const leave = () => {
      clearTimeout(timer.current);
      const draft = waiting.current;
      if (!draft) return;
      waiting.current = null;
      saveServerDraftOnLeave(draft).catch(() => {});
    };
    const onVisibility = () => {
      // Mobile browsers may discard a hidden tab without a pagehide.
      if (document.visibilityState === 'hidden') leave();
    };
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', onVisibility);
      // Leaving the form for another page of the portal: save what waits now.
      sendWaiting();
    };
  }, [sendWaiting]);

  return { saved, save, clear };
}
