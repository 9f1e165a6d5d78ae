import { useQuery } from '@tanstack/react-query';
import type { VerificationGroup } from '#api/verification/verification.schemas.ts';
import { verificationDefinitions } from '#api/verification/verification.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { DataTable } from '../../lib/data-table.tsx';
import { LoadState } from '../../lib/page-state.tsx';
import { formatHours, formatShare } from './stats-format.ts';
import './stats.css';

function useVerificationStats(programId: string) {
  return useQuery({
    queryKey: ['programs', programId, 'verification-stats'],
    queryFn: () => unwrap(api.programs[':id']['verification-stats'].$get({ param: { id: programId } })),
    staleTime: 0,
  });
}

const sources = [
  ['all', 'Everyone'],
  ['customer', 'Customers'],
  ['internal', 'Internal'],
] as const;

/**
 * Whether engineering's fixes held for the people who found the bugs: how many were asked, how many
 * answered and how fast, and which fixes failed (regressions caught by customers), by the asked
 * person's source. For one release, or every release with a row each. Beside the headline share,
 * never part of it.
 */
export function VerificationFigures(props: { programId: string; releaseId: string | undefined }) {
  const stats = useVerificationStats(props.programId);
  const scoped: VerificationGroup | undefined = props.releaseId
    ? stats.data?.releases.find((entry) => entry.releaseId === props.releaseId)
    : stats.data?.total;
  return (
    <section aria-labelledby="verification-figures-heading">
      <h2 id="verification-figures-heading">Fix verification</h2>
      <LoadState query={stats} />
      {stats.data && scoped ? (
        <>
          <dl className="stats-figures">
            <div className="stats-figure">
              <dt>Verification rate</dt>
              <dd data-figure="verification-rate">
                {formatShare(scoped.all.rate)}
                <span className="hint">
                  {' '}
                  {scoped.all.answered} of {scoped.all.requests} requests
                </span>
              </dd>
            </div>
            <div className="stats-figure">
              <dt>Median time to verify</dt>
              <dd data-figure="time-to-verify">{formatHours(scoped.all.medianHoursToVerify)}</dd>
            </div>
            <div className="stats-figure">
              <dt>Fixes that failed verification</dt>
              <dd data-figure="failed-fixes">
                {scoped.failedFixes}
                <span className="hint"> of {scoped.fixes} fixes checked</span>
              </dd>
            </div>
            <div className="stats-figure">
              <dt>Regressions caught by customers</dt>
              <dd data-figure="caught-by-customers">{scoped.caughtByCustomers}</dd>
            </div>
          </dl>
          <SourceTable figures={scoped} />
          {!props.releaseId && stats.data.releases.some((entry) => entry.all.requests > 0) ? (
            <ReleaseTable releases={stats.data.releases} />
          ) : null}
        </>
      ) : null}
      <dl className="definition-list">
        {verificationDefinitions.map((definition) => (
          <div key={definition.term}>
            <dt>{definition.term}</dt>
            <dd>{definition.text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function SourceTable(props: { figures: VerificationGroup }) {
  return (
    <DataTable
      className="card-table stats-table"
      caption="Verification by the source of the person asked"
      rows={sources}
      rowKey={([key]) => key}
      columns={[
        { header: 'Asked', cell: ([, name]) => name },
        { header: 'Requests', cell: ([key]) => props.figures[key].requests },
        { header: 'Answered', cell: ([key]) => props.figures[key].answered },
        { header: 'Rate', cell: ([key]) => formatShare(props.figures[key].rate) },
        { header: 'Median to verify', cell: ([key]) => formatHours(props.figures[key].medianHoursToVerify) },
        { header: 'Fixed for them', cell: ([key]) => props.figures[key].fixedForMe },
        { header: 'Still broken', cell: ([key]) => props.figures[key].stillBroken },
        { header: 'Waiting', cell: ([key]) => props.figures[key].pending },
        { header: 'Expired', cell: ([key]) => props.figures[key].expired },
      ]}
    />
  );
}

function ReleaseTable(props: { releases: (VerificationGroup & { releaseId: string; releaseVersion: string })[] }) {
  return (
    <DataTable
      className="card-table stats-table"
      caption="Fix verification per release"
      rows={props.releases}
      rowKey={(entry) => entry.releaseId}
      columns={[
        { header: 'Release', cell: (entry) => entry.releaseVersion },
        { header: 'Requests', cell: (entry) => entry.all.requests },
        { header: 'Rate', cell: (entry) => formatShare(entry.all.rate) },
        { header: 'Customer rate', cell: (entry) => formatShare(entry.customer.rate) },
        { header: 'Internal rate', cell: (entry) => formatShare(entry.internal.rate) },
        { header: 'Median to verify', cell: (entry) => formatHours(entry.all.medianHoursToVerify) },
        { header: 'Failed fixes', cell: (entry) => entry.failedFixes },
        { header: 'Caught by customers', cell: (entry) => entry.caughtByCustomers },
      ]}
    />
  );
}
