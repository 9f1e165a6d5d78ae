import { useQuery } from '@tanstack/react-query';
import type { VerificationFigures as Figures, VerificationGroup } from '#api/verification/verification.schemas.ts';
import { verificationDefinitions } from '#api/verification/verification.schemas.ts';
import { api, errorMessage, unwrap } from '../../lib/api-client.ts';
import { FormAlert } from '../../lib/form.tsx';
import { TableScroll } from '../../lib/table-scroll.tsx';
import { formatHours, formatShare } from './stats-format.ts';

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
      <FormAlert message={stats.error ? errorMessage(stats.error) : null} />
      {stats.isPending ? <p role="status">Loading…</p> : null}
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
    <TableScroll>
      <table className="card-table stats-table">
        <caption className="visually-hidden">Verification by the source of the person asked</caption>
        <thead>
          <tr>
            <th scope="col">Asked</th>
            <th scope="col">Requests</th>
            <th scope="col">Answered</th>
            <th scope="col">Rate</th>
            <th scope="col">Median to verify</th>
            <th scope="col">Fixed for them</th>
            <th scope="col">Still broken</th>
            <th scope="col">Waiting</th>
            <th scope="col">Expired</th>
          </tr>
        </thead>
        <tbody>
          {sources.map(([key, name]) => (
            <FigureRow key={key} name={name} figures={props.figures[key]} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function FigureRow(props: { name: string; figures: Figures }) {
  const { figures } = props;
  return (
    <tr>
      <th scope="row" data-label="Asked">
        {props.name}
      </th>
      <td data-label="Requests">{figures.requests}</td>
      <td data-label="Answered">{figures.answered}</td>
      <td data-label="Rate">{formatShare(figures.rate)}</td>
      <td data-label="Median to verify">{formatHours(figures.medianHoursToVerify)}</td>
      <td data-label="Fixed for them">{figures.fixedForMe}</td>
      <td data-label="Still broken">{figures.stillBroken}</td>
      <td data-label="Waiting">{figures.pending}</td>
      <td data-label="Expired">{figures.expired}</td>
    </tr>
  );
}

function ReleaseTable(props: { releases: (VerificationGroup & { releaseId: string; releaseVersion: string })[] }) {
  return (
    <TableScroll>
      <table className="card-table stats-table">
        <caption className="visually-hidden">Fix verification per release</caption>
        <thead>
          <tr>
            <th scope="col">Release</th>
            <th scope="col">Requests</th>
            <th scope="col">Rate</th>
            <th scope="col">Customer rate</th>
            <th scope="col">Internal rate</th>
            <th scope="col">Median to verify</th>
            <th scope="col">Failed fixes</th>
            <th scope="col">Caught by customers</th>
          </tr>
        </thead>
        <tbody>
          {props.releases.map((entry) => (
            <tr key={entry.releaseId}>
              <th scope="row" data-label="Release">
                {entry.releaseVersion}
              </th>
              <td data-label="Requests">{entry.all.requests}</td>
              <td data-label="Rate">{formatShare(entry.all.rate)}</td>
              <td data-label="Customer rate">{formatShare(entry.customer.rate)}</td>
              <td data-label="Internal rate">{formatShare(entry.internal.rate)}</td>
              <td data-label="Median to verify">{formatHours(entry.all.medianHoursToVerify)}</td>
              <td data-label="Failed fixes">{entry.failedFixes}</td>
              <td data-label="Caught by customers">{entry.caughtByCustomers}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
