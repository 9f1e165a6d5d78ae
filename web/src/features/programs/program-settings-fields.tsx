import { useId } from 'react';
import {
  defaultNotActionableLabels,
  defaultPriorityLabels,
  defaultPriorityLevels,
  defaultPriorityThreshold,
  type PriorityLabel,
  type Program,
} from '../../../../api/programs/programs.schemas.ts';
import { Field, type FieldErrors } from '../../lib/form.tsx';
import { listFieldError, splitCommas, splitLines } from '../../lib/list-text.ts';

/** The settings form as typed: lists as text, labels as rows. */
export type SettingsValues = {
  name: string;
  product: string;
  githubRepo: string;
  components: string;
  priorityLevels: string;
  priorityThreshold: string;
  priorityLabels: PriorityLabel[];
  /** Until the lead edits a label, the labels follow the levels (each level, plus the usual aliases). */
  labelsFollowLevels: boolean;
  notActionableLabels: string;
  githubCommenters: string;
  suggestInternalReports: boolean;
};

export const defaultSettingsValues: SettingsValues = {
  name: '',
  product: '',
  githubRepo: '',
  components: '',
  priorityLevels: defaultPriorityLevels.join(', '),
  priorityThreshold: defaultPriorityThreshold,
  priorityLabels: defaultPriorityLabels(defaultPriorityLevels),
  labelsFollowLevels: true,
  notActionableLabels: defaultNotActionableLabels.join(', '),
  githubCommenters: '',
  suggestInternalReports: false,
};

export function settingsValuesOf(program: Program): SettingsValues {
  return {
    name: program.name,
    product: program.product,
    githubRepo: program.githubRepo ?? '',
    components: program.components.join('\n'),
    priorityLevels: (program.priorityLevels ?? []).join(', '),
    priorityThreshold: program.priorityThreshold ?? '',
    priorityLabels: program.priorityLabels ?? [],
    labelsFollowLevels: false,
    notActionableLabels: (program.notActionableLabels ?? []).join(', '),
    githubCommenters: (program.githubCommenters ?? []).join(', '),
    suggestInternalReports: program.suggestInternalReports ?? false,
  };
}

/** What the API's settings schema checks. */
export function settingsOf(values: SettingsValues) {
  return {
    name: values.name,
    product: values.product,
    githubRepo: values.githubRepo,
    components: splitLines(values.components),
    priorityLevels: splitCommas(values.priorityLevels),
    priorityThreshold: values.priorityThreshold,
    priorityLabels: values.priorityLabels,
    notActionableLabels: splitCommas(values.notActionableLabels),
    githubCommenters: splitCommas(values.githubCommenters),
    suggestInternalReports: values.suggestInternalReports,
  };
}

/**
 * Name, product, repository, components, the label rules, whose GitHub comments reach reporters and
 * what MVPs are offered as similar reports: shared by the new-program and the edit form.
 */
export function ProgramSettingsFields(props: {
  values: SettingsValues;
  onChange: (values: SettingsValues) => void;
  errors: FieldErrors;
}) {
  const { values, onChange, errors } = props;
  const suggestHintId = useId();
  const levels = splitCommas(values.priorityLevels);
  const set = (changes: Partial<SettingsValues>) => onChange({ ...values, ...changes });
  const setLevels = (text: string) => {
    const next = splitCommas(text);
    set({
      priorityLevels: text,
      ...(values.labelsFollowLevels ? { priorityLabels: defaultPriorityLabels(next) } : {}),
      ...(next.includes(values.priorityThreshold) || !next.includes(defaultPriorityThreshold)
        ? {}
        : { priorityThreshold: defaultPriorityThreshold }),
    });
  };
  const setLabel = (index: number, changes: Partial<PriorityLabel>) =>
    set({
      labelsFollowLevels: false,
      priorityLabels: values.priorityLabels.map((entry, at) => (at === index ? { ...entry, ...changes } : entry)),
    });
  // A level that is no longer listed stays selectable, so the select shows what is stored and its error.
  const levelOptions = (current: string) => (current && !levels.includes(current) ? [...levels, current] : levels);

  return (
    <>
      <Field label="Name" name="name" error={errors.name} hint="For example “Acme Desktop MVPs”.">
        {(attributes) => (
          <input
            {...attributes}
            autoComplete="off"
            value={values.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        )}
      </Field>
      <Field label="Product" name="product" error={errors.product}>
        {(attributes) => (
          <input
            {...attributes}
            autoComplete="off"
            value={values.product}
            onChange={(e) => set({ product: e.target.value })}
          />
        )}
      </Field>
      <Field
        label="GitHub repository"
        name="githubRepo"
        error={errors.githubRepo}
        hint="owner/name, e.g. acme/desktop: every bug report becomes an issue there."
      >
        {(attributes) => (
          <input
            {...attributes}
            autoComplete="off"
            spellCheck={false}
            value={values.githubRepo}
            onChange={(e) => set({ githubRepo: e.target.value })}
          />
        )}
      </Field>
      <Field
        label="Components"
        name="components"
        error={listFieldError(errors, 'components', splitLines(values.components))}
        hint="One a line: the areas reporters choose from. May stay empty."
      >
        {(attributes) => (
          <textarea
            {...attributes}
            rows={4}
            value={values.components}
            onChange={(e) => set({ components: e.target.value })}
          />
        )}
      </Field>
      <fieldset className="rules">
        <legend>Priority and actionability</legend>
        <p className="hint">
          Engineering's labels on the GitHub issue decide a bug's priority, never the reporter. The defaults follow
          common practice; change them to match your repository.
        </p>
        <Field
          label="Priority levels"
          name="priorityLevels"
          error={listFieldError(errors, 'priorityLevels', levels)}
          hint="Highest first, separated by commas."
        >
          {(attributes) => (
            <input
              {...attributes}
              autoComplete="off"
              spellCheck={false}
              value={values.priorityLevels}
              onChange={(e) => setLevels(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Priority threshold"
          name="priorityThreshold"
          error={errors.priorityThreshold}
          hint="The lowest level that still counts as a priority bug."
        >
          {(attributes) => (
            <select
              {...attributes}
              value={values.priorityThreshold}
              onChange={(e) => set({ priorityThreshold: e.target.value })}
            >
              {values.priorityThreshold === '' ? <option value="">Choose a level</option> : null}
              {levelOptions(values.priorityThreshold).map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="label-rows">
          <legend>Priority labels</legend>
          <p className="hint">Each GitHub label and the level it means.</p>
          {errors.priorityLabels ? <p className="field-error">{errors.priorityLabels}</p> : null}
          {values.priorityLabels.map((entry, index) => {
            const number = index + 1;
            const labelError = errors[`priorityLabels.${index}.label`];
            const levelError = errors[`priorityLabels.${index}.level`];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
              <div className="label-row" key={index}>
                <input
                  aria-label={`Label ${number}`}
                  aria-invalid={Boolean(labelError)}
                  spellCheck={false}
                  value={entry.label}
                  onChange={(e) => setLabel(index, { label: e.target.value })}
                />
                <select
                  aria-label={`Level of label ${number}`}
                  aria-invalid={Boolean(levelError)}
                  value={entry.level}
                  onChange={(e) => setLabel(index, { level: e.target.value })}
                >
                  {entry.level === '' ? <option value="">Level</option> : null}
                  {levelOptions(entry.level).map((level) => (
                    <option key={level} value={level}>
                      {level}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="quiet"
                  aria-label={`Remove label ${number}`}
                  onClick={() =>
                    set({
                      labelsFollowLevels: false,
                      priorityLabels: values.priorityLabels.filter((_, at) => at !== index),
                    })
                  }
                >
                  Remove
                </button>
                {labelError || levelError ? (
                  <p className="field-error">{[labelError, levelError].filter(Boolean).join(' ')}</p>
                ) : null}
              </div>
            );
          })}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              set({
                labelsFollowLevels: false,
                priorityLabels: [...values.priorityLabels, { label: '', level: levels.at(-1) ?? '' }],
              })
            }
          >
            Add a label
          </button>
        </fieldset>
        <Field
          label="Not-actionable labels"
          name="notActionableLabels"
          error={listFieldError(errors, 'notActionableLabels', splitCommas(values.notActionableLabels))}
          hint="Separated by commas: an issue carrying one of these does not count as actionable."
        >
          {(attributes) => (
            <input
              {...attributes}
              autoComplete="off"
              spellCheck={false}
              value={values.notActionableLabels}
              onChange={(e) => set({ notActionableLabels: e.target.value })}
            />
          )}
        </Field>
      </fieldset>
      <fieldset className="rules">
        <legend>What reaches MVPs</legend>
        <Field
          label="Trusted GitHub commenters"
          name="githubCommenters"
          error={listFieldError(errors, 'githubCommenters', splitCommas(values.githubCommenters))}
          hint={
            "GitHub logins separated by commas, e.g. a contractor or a support account. Comments on the issues by the repository's owners, members and collaborators, and by these logins, are shown to the reporter and e-mailed to them; anyone else's comment stays a team note only staff see."
          }
        >
          {(attributes) => (
            <input
              {...attributes}
              autoComplete="off"
              spellCheck={false}
              value={values.githubCommenters}
              onChange={(e) => set({ githubCommenters: e.target.value })}
            />
          )}
        </Field>
        <div className="field checkbox-field">
          <label>
            <input
              type="checkbox"
              name="suggestInternalReports"
              aria-describedby={suggestHintId}
              checked={values.suggestInternalReports}
              onChange={(e) => set({ suggestInternalReports: e.target.checked })}
            />{' '}
            Offer internal reports as similar reports
          </label>
          <p className="hint" id={suggestHintId}>
            When an MVP files a bug, also suggest matching reports filed by staff or opened on GitHub, so they can say
            “me too” instead of filing it again. Their titles are your team's words, so this is off unless you choose
            it.
          </p>
        </div>
      </fieldset>
    </>
  );
}
