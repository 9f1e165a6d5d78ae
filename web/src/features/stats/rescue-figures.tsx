import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { rescueDefinitions } from '#api/rescue/rescue.schemas.ts';
import { api, unwrap } from '../../lib/api-client.ts';
import { LoadState } from '../../lib/page-state.tsx';
import { TableScroll } from '../../lib/table-scroll.tsx';
import './stats.css';

const shownTerms = new Set<string>(['Rescued', 'Prioritised after rescue']);

function useRescueStats(programId: string) {
  return useQuery({
    queryKey: ['programs', programId, 'rescue-stats'],
    queryFn: () => unwrap(api.programs[':id']['rescue-stats'].$get({ param: { id: programId } })),
    staleTime: 0,
  });
}

/**
 * Clusters sent back to engineering from the Rescue list, and how many engineering then prioritised:
 * beside the headline share, never part of it. For one release, or every release with a row each.
 */
export function RescueFigures(props: { programId: string; releaseId: string | undefined }) {
  const stats = useRescueStats(props.programId);
  const scoped = props.releaseId
    ? stats.data?.byRelease.find((entry) => entry.releaseId === props.releaseId)
    : stats.data;
  return (
    <section aria-labelledby="rescue-figures-heading">
      <h2 id="rescue-figures-heading">Sent back to engineering</h2>
      <LoadState query={stats} />
      {stats.data ? (
        <>
          <dl className="stats-figures">
            <div className="stats-figure">
              <dt>Rescued clusters</dt>
              <dd data-figure="rescued">{scoped?.rescued ?? 0}</dd>
            </div>
            <div className="stats-figure">
              <dt>Prioritised after rescue</dt>
              <dd data-figure="rescue-prioritised">{scoped?.prioritised ?? 0}</dd>
            </div>
          </dl>
          {!props.releaseId && stats.data.byRelease.length ? (
            <TableScroll>
              <table className="card-table stats-table">
                <caption className="visually-hidden">Rescued clusters per release</caption>
                <thead>
                  <tr>
                    <th scope="col">Release</th>
                    <th scope="col">Rescued</th>
                    <th scope="col">Prioritised after rescue</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.data.byRelease.map((entry) => (
                    <tr key={entry.releaseId}>
                      <th scope="row" data-label="Release">
                        {entry.releaseVersion}
                      </th>
                      <td data-label="Rescued">{entry.rescued}</td>
                      <td data-label="Prioritised after rescue">{entry.prioritised}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
        </>
      ) : null}
      <dl className="definition-list">
        {rescueDefinitions
          .filter((definition) => shownTerms.has(definition.term))
          .map((definition) => (
            <div key={definition.term}>
              <dt>{definition.term}</dt>
              <dd>{definition.text}</dd>
            </div>
          ))}
      </dl>
      <p>
        <Link to={`/programs/${props.programId}/rescue`}>Rescue list</Link>: bugs customers keep reproducing after
        engineering set them aside.
      </p>
    </section>
  );
}
