import { useId } from 'react';
import {
  defaultAfterFilingSettings,
  defaultNotActionableLabels,
  defaultPriorityLabels,
  defaultPriorityLevels,
  defaultPriorityThreshold,
  type PriorityLabel,
  type Program,
  type stillBrokenActions,
} from '#api/programs/programs.schemas.ts';
import { type ControlAttributes, Field, type FieldErrors, InputField } from '../../lib/form.tsx';
import { listFieldError, splitCommas, splitLines } from '../../lib/list-text.ts';
import './programs.css';

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
  clearNeedsInfoOnAnswer: boolean;
  stillBrokenAction: (typeof stillBrokenActions)[number];
  fixedInLabelPrefix: string;
  verifiedLabel: string;
  stillBrokenLabel: string;
  rescueLabel: string;
  /** Numbers as typed; the schema says what is wrong with them. */
  rescueThreshold: string;
  rescueWindowDays: string;
  verificationReminderDays: string;
  /** Blank: files are kept for good. */
  attachmentRetentionDays: string;
};

const afterFilingValues = (settings: typeof defaultAfterFilingSettings) => ({
  clearNeedsInfoOnAnswer: settings.clearNeedsInfoOnAnswer,
  stillBrokenAction: settings.stillBrokenAction,
  fixedInLabelPrefix: settings.fixedInLabelPrefix,
  verifiedLabel: settings.verifiedLabel,
  stillBrokenLabel: settings.stillBrokenLabel,
  rescueLabel: settings.rescueLabel,
  rescueThreshold: String(settings.rescueThreshold),
  rescueWindowDays: String(settings.rescueWindowDays),
  verificationReminderDays: String(settings.verificationReminderDays),
});

const afterFilingKeys = Object.keys(defaultAfterFilingSettings) as (keyof typeof defaultAfterFilingSettings)[];

/** A program's after-filing settings, the defaults where staff-only fields are absent. */
function afterFilingOf(program: Program): typeof defaultAfterFilingSettings {
  return Object.fromEntries(
    afterFilingKeys.map((key) => [key, program[key] ?? defaultAfterFilingSettings[key]]),
  ) as typeof defaultAfterFilingSettings;
}

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
  ...afterFilingValues(defaultAfterFilingSettings),
  attachmentRetentionDays: '',
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
    ...afterFilingValues(afterFilingOf(program)),
    attachmentRetentionDays:
      program.attachmentRetentionDays === null || program.attachmentRetentionDays === undefined
        ? ''
        : String(program.attachmentRetentionDays),
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
    clearNeedsInfoOnAnswer: values.clearNeedsInfoOnAnswer,
    stillBrokenAction: values.stillBrokenAction,
    fixedInLabelPrefix: values.fixedInLabelPrefix,
    verifiedLabel: values.verifiedLabel,
    stillBrokenLabel: values.stillBrokenLabel,
    rescueLabel: values.rescueLabel,
    rescueThreshold: numberOf(values.rescueThreshold),
    rescueWindowDays: numberOf(values.rescueWindowDays),
    verificationReminderDays: numberOf(values.verificationReminderDays),
    attachmentRetentionDays: values.attachmentRetentionDays.trim() ? numberOf(values.attachmentRetentionDays) : null,
  };
}

/** A number as typed; blank or not a number is NaN, which the schema refuses with its own message. */
function numberOf(text: string): number {
  return text.trim() ? Number(text) : Number.NaN;
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
  const set = (changes: Partial<SettingsValues>) => onChange({ ...values, ...changes });

  return (
    <>
      <InputField
        label="Name"
        name="name"
        error={errors.name}
        hint="For example “Acme Desktop MVPs”."
        autoComplete="off"
        value={values.name}
        onChange={(value) => set({ name: value })}
      />
      <InputField
        label="Product"
        name="product"
        error={errors.product}
        autoComplete="off"
        value={values.product}
        onChange={(value) => set({ product: value })}
      />
      <InputField
        label="GitHub repository"
        name="githubRepo"
        error={errors.githubRepo}
        hint="owner/name, e.g. acme/desktop: every bug report becomes an issue there."
        autoComplete="off"
        spellCheck={false}
        value={values.githubRepo}
        onChange={(value) => set({ githubRepo: value })}
      />
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
      <PrioritySection values={values} set={set} errors={errors} />
      <MvpVisibilitySection values={values} set={set} errors={errors} />
      <AfterFilingSection values={values} set={set} errors={errors} />
    </>
  );
}

/** Which labels mean which priority, and from which level a bug counts as a priority bug. */
function PrioritySection(props: {
  values: SettingsValues;
  set: (changes: Partial<SettingsValues>) => void;
  errors: FieldErrors;
}) {
  const { values, set, errors } = props;
  const levels = splitCommas(values.priorityLevels);
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
    <fieldset className="rules">
      <legend>Priority and actionability</legend>
      <p className="hint">
        Engineering's labels on the GitHub issue decide a bug's priority, never the reporter. The defaults follow common
        practice; change them to match your repository.
      </p>
      <InputField
        label="Priority levels"
        name="priorityLevels"
        error={listFieldError(errors, 'priorityLevels', levels)}
        hint="Highest first, separated by commas."
        autoComplete="off"
        spellCheck={false}
        value={values.priorityLevels}
        onChange={setLevels}
      />
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
      <InputField
        label="Not-actionable labels"
        name="notActionableLabels"
        error={listFieldError(errors, 'notActionableLabels', splitCommas(values.notActionableLabels))}
        hint="Separated by commas: an issue carrying one of these does not count as actionable."
        autoComplete="off"
        spellCheck={false}
        value={values.notActionableLabels}
        onChange={(value) => set({ notActionableLabels: value })}
      />
    </fieldset>
  );
}

/** What MVPs are shown of other customers' reports. */
function MvpVisibilitySection(props: {
  values: SettingsValues;
  set: (changes: Partial<SettingsValues>) => void;
  errors: FieldErrors;
}) {
  const { values, set, errors } = props;
  const suggestHintId = useId();
  return (
    <fieldset className="rules">
      <legend>What reaches MVPs</legend>
      <InputField
        label="Trusted GitHub commenters"
        name="githubCommenters"
        error={listFieldError(errors, 'githubCommenters', splitCommas(values.githubCommenters))}
        hint={
          "GitHub logins separated by commas, e.g. a contractor or a support account. Comments on the issues by the repository's owners, members and collaborators, and by these logins, are shown to the reporter and e-mailed to them; anyone else's comment stays a team note only staff see."
        }
        autoComplete="off"
        spellCheck={false}
        value={values.githubCommenters}
        onChange={(value) => set({ githubCommenters: value })}
      />
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
          When an MVP files a bug, also suggest matching reports filed by staff or opened on GitHub, so they can say “me
          too” instead of filing it again. Their titles are your team's words, so this is off unless you choose it.
        </p>
      </div>
    </fieldset>
  );
}

/** After filing: questions to reporters, fixes to verify, and rescue requests. */
function AfterFilingSection(props: {
  values: SettingsValues;
  set: (changes: Partial<SettingsValues>) => void;
  errors: FieldErrors;
}) {
  const { values, set, errors } = props;
  const clearHintId = useId();
  return (
    <fieldset className="rules">
      <legend>After filing: answers, fixes and rescue</legend>
      <p className="hint">
        Labels Fieldtest puts on GitHub issues itself. None of them may mean a priority level: engineering's own labels
        decide priority.
      </p>
      <div className="field checkbox-field">
        <label>
          <input
            type="checkbox"
            name="clearNeedsInfoOnAnswer"
            aria-describedby={clearHintId}
            checked={values.clearNeedsInfoOnAnswer}
            onChange={(e) => set({ clearNeedsInfoOnAnswer: e.target.checked })}
          />{' '}
          Take the needs-info label off when the reporter answers
        </label>
        <p className="hint" id={clearHintId}>
          Tells engineering the answer is in; otherwise engineering removes the label itself.
        </p>
      </div>
      <InputField
        label="Fixed-in label prefix"
        name="fixedInLabelPrefix"
        error={errors.fixedInLabelPrefix}
        hint="A label starting with it, e.g. “fixed in: 2.4.1-rc3”, names the build that carries a fix; finders are asked to check that build. Empty: the release's build."
        autoComplete="off"
        spellCheck={false}
        value={values.fixedInLabelPrefix}
        onChange={(value) => set({ fixedInLabelPrefix: value })}
      />
      <Field
        label="When a finder says the fix does not work"
        name="stillBrokenAction"
        error={errors.stillBrokenAction}
        hint="Their details go to the issue as a comment either way."
      >
        {(attributes) => (
          <select
            {...attributes}
            value={values.stillBrokenAction}
            onChange={(e) => set({ stillBrokenAction: e.target.value as SettingsValues['stillBrokenAction'] })}
          >
            <option value="reopen">Reopen the issue and add the still-broken label</option>
            <option value="label">Only add the still-broken label</option>
          </select>
        )}
      </Field>
      <Field
        label="Remind finders after (days)"
        name="verificationReminderDays"
        error={errors.verificationReminderDays}
        hint="0 to 60: a finder who has not answered a request to check a fix gets one reminder this many days on. 0: no reminder."
      >
        {(attributes) => (
          <WholeNumberInput
            attributes={attributes}
            min={0}
            max={60}
            value={values.verificationReminderDays}
            onChange={(value) => set({ verificationReminderDays: value })}
          />
        )}
      </Field>
      <Field
        label="Keep report files for (days after shipping)"
        name="attachmentRetentionDays"
        error={errors.attachmentRetentionDays}
        hint="Files of a release's reports are removed this many days after it ships; the reports say a file was there. Blank: keep them for good."
      >
        {(attributes) => (
          <WholeNumberInput
            attributes={attributes}
            min={1}
            max={3650}
            value={values.attachmentRetentionDays}
            onChange={(value) => set({ attachmentRetentionDays: value })}
          />
        )}
      </Field>
      <InputField
        label="Verified label"
        name="verifiedLabel"
        error={errors.verifiedLabel}
        hint="Finders confirmed the fix."
        autoComplete="off"
        spellCheck={false}
        value={values.verifiedLabel}
        onChange={(value) => set({ verifiedLabel: value })}
      />
      <InputField
        label="Still-broken label"
        name="stillBrokenLabel"
        error={errors.stillBrokenLabel}
        hint="A finder says the fix does not work for them."
        autoComplete="off"
        spellCheck={false}
        value={values.stillBrokenLabel}
        onChange={(value) => set({ stillBrokenLabel: value })}
      />
      <InputField
        label="Rescue label"
        name="rescueLabel"
        error={errors.rescueLabel}
        hint="Put on an issue you send back to engineering from the Rescue list."
        autoComplete="off"
        spellCheck={false}
        value={values.rescueLabel}
        onChange={(value) => set({ rescueLabel: value })}
      />
      <div className="field-pair">
        <Field
          label="Rescue threshold (customers)"
          name="rescueThreshold"
          error={errors.rescueThreshold}
          hint="1 to 100 distinct customers who reproduce a bug closed as not planned, or left without a priority."
        >
          {(attributes) => (
            <WholeNumberInput
              attributes={attributes}
              min={1}
              max={100}
              value={values.rescueThreshold}
              onChange={(value) => set({ rescueThreshold: value })}
            />
          )}
        </Field>
        <Field
          label="Rescue window (days)"
          name="rescueWindowDays"
          error={errors.rescueWindowDays}
          hint="1 to 365: reproductions older than this do not count."
        >
          {(attributes) => (
            <WholeNumberInput
              attributes={attributes}
              min={1}
              max={365}
              value={values.rescueWindowDays}
              onChange={(value) => set({ rescueWindowDays: value })}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}

/** A whole number from `min` to `max`, kept as the text typed (the form's schema decides). */
function WholeNumberInput(props: {
  attributes: ControlAttributes;
  min: number;
  max: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <input
      {...props.attributes}
      type="number"
      inputMode="numeric"
      min={props.min}
      max={props.max}
      step={1}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}
