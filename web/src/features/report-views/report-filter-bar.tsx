import { type ReactNode, useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import type { Program } from '#api/programs/programs.schemas.ts';
import type { ReleaseSummary } from '#api/releases/releases.schemas.ts';
import { reportSourceSchema, reportStatuses } from '#api/reports/reports.schemas.ts';
import { sourceNames } from '../../lib/report-labels.ts';
import { statusNames } from '../../lib/report-status.tsx';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { hasFilters, type ReportFilters } from './report-filters.ts';
import './report-views.css';

type Option = { value: string; label: string };

/** Options for a select; a value from the URL that is no longer on offer (a renamed component) stays choosable. */
function withCurrent(options: Option[], current: string | undefined): Option[] {
  return current && !options.some((option) => option.value === current)
    ? [...options, { value: current, label: current }]
    : options;
}

/**
 * The filters of the staff list. A choice applies at once; the search applies once typing pauses
 * (or on Enter). `replace` tells the page not to add a history entry for each pause in typing.
 */
export function ReportFilterBar(props: {
  program: Program;
  releases: ReleaseSummary[];
  filters: ReportFilters;
  onChange: (filters: ReportFilters, options?: { replace?: boolean }) => void;
}) {
  const { program, filters, onChange } = props;
  const set = (key: keyof ReportFilters, value: string) => onChange({ ...filters, [key]: value || undefined });
  const levels = program.priorityLevels ?? [];

  // The search box is typed into; the URL follows once typing pauses. A change of the URL from
  // elsewhere (back button, "Clear filters") is written back into the box.
  const [text, setText] = useState(filters.q ?? '');
  const applied = useRef(filters.q ?? '');
  const settled = useDebouncedValue(text.trim(), 350);
  const applySearch = useEffectEvent((q: string) => {
    if (q === applied.current) return;
    applied.current = q;
    onChange({ ...filters, q: q || undefined }, { replace: true });
  });
  // Only a pause in typing applies the search, never a change of the other filters.
  useEffect(() => applySearch(settled), [settled]);
  useEffect(() => {
    const fromUrl = filters.q ?? '';
    if (fromUrl !== applied.current) {
      applied.current = fromUrl;
      setText(fromUrl);
    }
  }, [filters.q]);

  return (
    <search aria-label="Filter reports">
      <form
        className="filter-bar"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          applied.current = text.trim();
          onChange({ ...filters, q: text.trim() || undefined });
        }}
      >
        <SelectFilter
          label="Release"
          anyLabel="All releases"
          value={filters.releaseId}
          options={props.releases.map((release) => ({ value: release.id, label: release.version }))}
          onChange={(value) => set('releaseId', value)}
        />
        <SelectFilter
          label="Source"
          anyLabel="Any source"
          value={filters.source}
          options={reportSourceSchema.options.map((source) => ({ value: source, label: sourceNames[source] }))}
          onChange={(value) => set('source', value)}
        />
        <SelectFilter
          label="Status"
          anyLabel="Any status"
          value={filters.status}
          options={reportStatuses.map((status) => ({ value: status, label: statusNames[status] }))}
          onChange={(value) => set('status', value)}
        />
        {levels.length ? (
          <SelectFilter
            label="Priority"
            anyLabel="Any priority"
            value={filters.priority}
            options={withCurrent(
              levels.map((level) => ({ value: level, label: level })),
              filters.priority,
            )}
            onChange={(value) => set('priority', value)}
          />
        ) : (
          <FilterField label="Priority">
            {(id) => (
              <input
                id={id}
                autoComplete="off"
                value={filters.priority ?? ''}
                // Typed, not chosen: one history entry for the field, not one per key.
                onChange={(event) =>
                  onChange({ ...filters, priority: event.target.value || undefined }, { replace: true })
                }
              />
            )}
          </FilterField>
        )}
        {program.components.length || filters.component ? (
          <SelectFilter
            label="Component"
            anyLabel="Any component"
            value={filters.component}
            options={withCurrent(
              program.components.map((component) => ({ value: component, label: component })),
              filters.component,
            )}
            onChange={(value) => set('component', value)}
          />
        ) : null}
        <FilterField label="Search" className="filter-search">
          {(id) => (
            <input
              id={id}
              type="search"
              autoComplete="off"
              placeholder="Words in the title or steps"
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </FilterField>
        {hasFilters(filters) ? (
          <button
            type="button"
            className="quiet filter-clear"
            onClick={() => {
              applied.current = '';
              setText('');
              onChange({});
            }}
          >
            Clear filters
          </button>
        ) : null}
      </form>
    </search>
  );
}

function FilterField(props: { label: string; className?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
    </div>
  );
}

function SelectFilter(props: {
  label: string;
  anyLabel: string;
  value: string | undefined;
  options: Option[];
  onChange: (value: string) => void;
}) {
  return (
    <FilterField label={props.label}>
      {(id) => (
        <select id={id} value={props.value ?? ''} onChange={(event) => props.onChange(event.target.value)}>
          <option value="">{props.anyLabel}</option>
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FilterField>
  );
}
