import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Program } from '#api/programs/programs.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { FormAlert } from '../../lib/form.tsx';
import { countOf } from '../../lib/format.ts';
import { LoadMoreButton, LoadState, QueryPage } from '../../lib/page-state.tsx';
import { useProgram } from '../programs/programs-api.ts';
import { useProgramReleases } from '../releases/releases-api.ts';
import { useProgramReports } from './program-reports-api.ts';
import { ReportFilterBar } from './report-filter-bar.tsx';
import { filtersFromSearch, hasFilters, type ReportFilters, searchFromFilters } from './report-filters.ts';
import { ReportTable } from './report-table.tsx';
import './report-views.css';

/** Every report of a program for staff, newest first, narrowed by the filters in the URL. */
export function ProgramReportsPage(props: { programId: string }) {
  const program = useProgram(props.programId);
  return (
    <QueryPage query={program} title="Program not available" back={{ to: '/programs', label: 'All programs' }}>
      {(program) => <ProgramReports program={program} />}
    </QueryPage>
  );
}

function ProgramReports(props: { program: Program }) {
  const { program } = props;
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const setFilters = useCallback(
    (next: ReportFilters, options?: { replace?: boolean }) =>
      setSearch(searchFromFilters(next), { replace: options?.replace ?? false }),
    [setSearch],
  );
  const releases = useProgramReleases(program.id);
  const reports = useProgramReports(program.id, filters);
  const items = reports.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = hasFilters(filters);

  return (
    <main className="program-reports">
      <p className="breadcrumb">
        <Link to="/programs">Programs</Link> › <Link to={`/programs/${program.id}`}>{program.name}</Link>
      </p>
      <h1>Reports — {program.name}</h1>
      <ReportFilterBar
        program={program}
        releases={releases.data?.items ?? []}
        filters={filters}
        onChange={setFilters}
      />
      <FormAlert message={releases.error ? errorMessage(releases.error) : null} />
      <LoadState query={reports} />
      {reports.data && items.length === 0 ? (
        <p className="empty-state">
          {filtered ? 'No report matches these filters.' : 'No report in this program yet.'}
        </p>
      ) : null}
      {items.length ? (
        <section
          className="report-results"
          aria-labelledby="results-heading"
          aria-busy={reports.isPlaceholderData || reports.isFetchingNextPage}
        >
          <h2 id="results-heading" className="visually-hidden">
            Results
          </h2>
          <p className="hint" role="status">
            {countOf(items.length, 'report', 'reports')}
            {reports.hasNextPage ? ' shown, newest first; more below.' : ', newest first.'}
          </p>
          <ReportTable reports={items} />
          <LoadMoreButton query={reports}>Load more</LoadMoreButton>
        </section>
      ) : null}
    </main>
  );
}
