import type { Release } from '#api/releases/releases.schemas.ts';
import { fromDateTimeLocal, toDateTimeLocal } from '../../lib/datetime-local.ts';
import { Field, type FieldErrors, InputField } from '../../lib/form.tsx';
import { listFieldError, splitLines } from '../../lib/list-text.ts';
import { MarkdownField } from '../../lib/markdown-field.tsx';

/** The release form as typed: dates as the reader's wall-clock time, lists and numbers as text. */
export type ReleaseValues = {
  version: string;
  build: string;
  testStart: string;
  testEnd: string;
  focusAreas: string;
  instructions: string;
  cohortCapacity: string;
};

const day = 24 * 60 * 60 * 1000;

/** A new release: testing from the current hour for two weeks. */
export function newReleaseValues(now = new Date()): ReleaseValues {
  const start = new Date(now);
  start.setMinutes(0, 0, 0);
  return {
    version: '',
    build: '',
    testStart: toDateTimeLocal(start),
    testEnd: toDateTimeLocal(new Date(start.getTime() + 14 * day)),
    focusAreas: '',
    instructions: '',
    cohortCapacity: '',
  };
}

export function releaseValuesOf(release: Release): ReleaseValues {
  return {
    version: release.version,
    build: release.build,
    testStart: toDateTimeLocal(release.testStart),
    testEnd: toDateTimeLocal(release.testEnd),
    focusAreas: release.focusAreas.join('\n'),
    instructions: release.instructions,
    cohortCapacity: release.cohortCapacity === null ? '' : String(release.cohortCapacity),
  };
}

/** What the API's release schemas check: ISO instants with the reader's offset, null for no capacity. */
export function releaseBodyOf(values: ReleaseValues) {
  const capacity = values.cohortCapacity.trim();
  return {
    version: values.version,
    build: values.build,
    testStart: fromDateTimeLocal(values.testStart),
    testEnd: fromDateTimeLocal(values.testEnd),
    focusAreas: splitLines(values.focusAreas),
    instructions: values.instructions,
    cohortCapacity: capacity === '' ? null : Number(capacity),
  };
}

export function ReleaseFields(props: {
  values: ReleaseValues;
  onChange: (values: ReleaseValues) => void;
  errors: FieldErrors;
}) {
  const { values, errors } = props;
  const set = (changes: Partial<ReleaseValues>) => props.onChange({ ...values, ...changes });
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <>
      <div className="field-pair">
        <InputField
          label="Version"
          name="version"
          error={errors.version}
          hint="Unique in the program, e.g. 4.2."
          autoComplete="off"
          value={values.version}
          onChange={(value) => set({ version: value })}
        />
        <InputField
          label="Build"
          name="build"
          error={errors.build}
          hint="The build MVPs install, e.g. 4.2.0-beta.3."
          autoComplete="off"
          value={values.build}
          onChange={(value) => set({ build: value })}
        />
      </div>
      <div className="field-pair">
        <InputField
          label="Test window start"
          name="testStart"
          error={errors.testStart}
          hint={`Your time (${zone}).`}
          type="datetime-local"
          value={values.testStart}
          onChange={(value) => set({ testStart: value })}
        />
        <InputField
          label="Test window end"
          name="testEnd"
          error={errors.testEnd}
          type="datetime-local"
          value={values.testEnd}
          onChange={(value) => set({ testEnd: value })}
        />
      </div>
      <Field
        label="Focus areas"
        name="focusAreas"
        error={listFieldError(errors, 'focusAreas', splitLines(values.focusAreas))}
        hint="One a line: where testers' eyes help most. May stay empty."
      >
        {(attributes) => (
          <textarea
            {...attributes}
            rows={3}
            value={values.focusAreas}
            onChange={(e) => set({ focusAreas: e.target.value })}
          />
        )}
      </Field>
      <MarkdownField
        label="Instructions"
        name="instructions"
        value={values.instructions}
        onChange={(instructions) => set({ instructions })}
        error={errors.instructions}
        hint="What to install and test, and how. Markdown: **bold**, lists with “-”, links as [text](https://…)."
      />
      <InputField
        label="Cohort capacity"
        name="cohortCapacity"
        error={errors.cohortCapacity}
        hint="Most MVPs in the cohort (invited and active count). Empty for no limit."
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        value={values.cohortCapacity}
        onChange={(value) => set({ cohortCapacity: value })}
      />
    </>
  );
}
