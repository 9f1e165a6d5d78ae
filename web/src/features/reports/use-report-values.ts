import { useEffect, useState } from 'react';
import { type BrowserEnvironment, readBrowserEnvironment } from '../../lib/browser-environment.ts';
import { type DraftEnvironment, type DraftValues, emptyDraft, type StoredDraft } from './report-draft.ts';
import type { ReportableRelease } from './reportable-releases.ts';

export type FormValues = Omit<DraftValues, 'attachments'>;

/**
 * The report form's values and how they change: the reporter's edits (which alone make a draft),
 * the release with the build and component that follow it, the browser's environment filling the
 * fields still empty, and starting over with the release and environment carried to the next report.
 */
export function useReportValues(releases: ReportableRelease[], restored: StoredDraft | null) {
  const [values, setValues] = useState<FormValues>(() => restoredValues(releases, restored));
  // Only the reporter's own edits make a draft: opening the form, or the environment filling in, do not.
  const [edited, setEdited] = useState(false);
  const release = releases.find((candidate) => candidate.id === values.releaseId);

  useEffect(() => {
    let current = true;
    void readBrowserEnvironment().then((captured) => {
      if (current) setValues((before) => ({ ...before, environment: fillEmpty(before.environment, captured) }));
    });
    return () => {
      current = false;
    };
  }, []);

  const change = (patch: Partial<FormValues>) => {
    setEdited(true);
    setValues((before) => ({ ...before, ...patch }));
  };
  return {
    values,
    edited,
    release,
    change,
    /** Something other than a field changed the draft (a file added or removed). */
    markEdited: () => setEdited(true),
    setText: (key: 'title' | 'steps' | 'expected' | 'actual') => (value: string) => change({ [key]: value }),
    setEnvironment: (key: keyof DraftEnvironment, value: string) =>
      change({ environment: { ...values.environment, [key]: value } }),
    chooseRelease: (id: string) => {
      const next = releases.find((candidate) => candidate.id === id);
      const { build } = values.environment;
      change({
        releaseId: id,
        // A build filled in from the release follows the release; one typed by the reporter stays.
        environment: { ...values.environment, build: !build || build === release?.build ? (next?.build ?? '') : build },
        component: next?.programId === release?.programId ? values.component : '',
      });
    },
    /** A new report: the release and environment stay for the next one, the rest starts empty. */
    startOver: () => {
      setValues((before) => freshValues(releases, before));
      setEdited(false);
    },
  };
}

/** A new report's values: the release and environment carry over from the last one, the rest starts empty. */
function freshValues(
  releases: ReportableRelease[],
  carried?: Pick<FormValues, 'releaseId' | 'environment'>,
): FormValues {
  const { attachments: _, ...empty } = emptyDraft();
  const only = releases.length === 1 ? releases[0] : undefined;
  const releaseId = carried?.releaseId || only?.id || '';
  const build = carried?.environment.build || (only?.id === releaseId ? (only?.build ?? '') : '');
  return { ...empty, releaseId, environment: { ...(carried?.environment ?? empty.environment), build } };
}

function restoredValues(releases: ReportableRelease[], restored: StoredDraft | null): FormValues {
  if (!restored) return freshValues(releases);
  const { attachments: _, ...values } = restored.values;
  // The draft's release may have left its test window since.
  if (releases.some((release) => release.id === values.releaseId)) return values;
  return { ...values, releaseId: releases.length === 1 ? (releases[0]?.id ?? '') : '' };
}

/** The browser's answers go into the fields still empty; whatever the reporter typed stays. */
function fillEmpty(environment: DraftEnvironment, captured: BrowserEnvironment): DraftEnvironment {
  const filled = { ...environment };
  for (const [key, value] of Object.entries(captured) as [keyof BrowserEnvironment, string][]) {
    if (!filled[key]) filled[key] = value;
  }
  return filled;
}
