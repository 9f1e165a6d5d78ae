import type { MyRecognition } from '#api/stats/stats.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { DataTable } from '../../lib/data-table.tsx';
import { FormAlert, Notice } from '../../lib/form.tsx';
import { LoadState } from '../../lib/page-state.tsx';
import { Badges } from './badges.tsx';
import { useMyRecognition, useSetLeaderboardVisibility } from './stats-api.ts';
import './stats.css';

/** An MVP's own recognition: finds, score, rank and badges, and whether their handle shows on boards. */
export function MyRecognitionPage() {
  const mine = useMyRecognition();
  return (
    <main>
      <h1>My recognition</h1>
      <LoadState query={mine} />
      {mine.data ? <Recognition data={mine.data} /> : null}
    </main>
  );
}

function Recognition(props: { data: MyRecognition }) {
  const { data } = props;
  const badgeLabel = new Map(data.badges.map((badge) => [badge.id, badge]));
  return (
    <>
      <p className="lead">
        You score {data.weights.finder} points for each priority bug you found first, as engineering labels it (never by
        the severity you chose). Bugs closed as not planned or labelled not actionable do not count. Saying “Me too”
        counts as a co-find: it helps engineering and shows here, but earns no points, so filing your own finds is what
        moves you up.
      </p>
      <VisibilityToggle handle={data.handle} showOnLeaderboard={data.showOnLeaderboard} />
      <section aria-labelledby="badges-heading">
        <h2 id="badges-heading">Badges</h2>
        <ul className="plain-list">
          {data.badges.map((badge) => (
            <li key={badge.id}>
              <strong>{badge.label}</strong>: {badge.description}.
            </li>
          ))}
        </ul>
      </section>
      {data.programs.length === 0 ? (
        <p className="empty-state">You take part in no program yet.</p>
      ) : (
        data.programs.map((program) => (
          <section key={program.programId} aria-labelledby={`program-${program.programId}`}>
            <h2 id={`program-${program.programId}`}>{program.programName}</h2>
            <DataTable
              className="card-table stats-table"
              caption={`Your standing in ${program.programName}`}
              rows={[
                { key: 'all', name: 'All releases', standing: program.overall },
                ...program.releases.map((release) => ({
                  key: release.releaseId,
                  name: `Release ${release.releaseVersion}`,
                  standing: release.standing,
                })),
              ]}
              rowKey={(row) => row.key}
              columns={[
                { header: 'Scope', cell: (row) => row.name },
                {
                  header: 'Rank',
                  cell: ({ standing }) => (standing.rank === null ? '—' : `${standing.rank} of ${standing.ranked}`),
                },
                { header: 'Score', cell: (row) => row.standing.score },
                { header: 'Finds', cell: (row) => row.standing.finds },
                { header: 'Co-finds', cell: (row) => row.standing.coFinds },
                { header: 'Customer-only finds', cell: (row) => row.standing.customerOnlyFinds },
                { header: 'Badges', cell: (row) => <Badges ids={row.standing.badges} labels={badgeLabel} /> },
              ]}
            />
          </section>
        ))
      )}
    </>
  );
}

function VisibilityToggle(props: { handle: string; showOnLeaderboard: boolean }) {
  const save = useSetLeaderboardVisibility();
  return (
    <section aria-labelledby="visibility-heading">
      <h2 id="visibility-heading">On the leaderboard</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={props.showOnLeaderboard}
          disabled={save.isPending}
          onChange={(event) => save.mutate(event.target.checked)}
        />{' '}
        Show my handle <code>{props.handle}</code> on public leaderboards
      </label>
      <p className="hint">Unticked, others see "anonymous MVP" in your place; you still see your own rank.</p>
      <FormAlert message={save.error ? errorMessage(save.error) : null} />
      {save.isSuccess ? <Notice tone="success">Saved.</Notice> : null}
    </section>
  );
}
