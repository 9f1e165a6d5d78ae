import type { MyRecognition, Standing } from '#api/stats/stats.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { FormAlert, Notice } from '../../lib/form.tsx';
import { TableScroll } from '../../lib/table-scroll.tsx';
import { useMyRecognition, useSetLeaderboardVisibility } from './stats-api.ts';

/** An MVP's own recognition: finds, score, rank and badges, and whether their handle shows on boards. */
export function MyRecognitionPage() {
  const mine = useMyRecognition();
  return (
    <main>
      <h1>My recognition</h1>
      {mine.isPending ? <p role="status">Loading…</p> : null}
      <FormAlert message={mine.error ? errorMessage(mine.error) : null} />
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
            <TableScroll>
              <table className="card-table stats-table">
                <caption className="visually-hidden">Your standing in {program.programName}</caption>
                <thead>
                  <tr>
                    <th scope="col">Scope</th>
                    <th scope="col">Rank</th>
                    <th scope="col">Score</th>
                    <th scope="col">Finds</th>
                    <th scope="col">Co-finds</th>
                    <th scope="col">Customer-only finds</th>
                    <th scope="col">Badges</th>
                  </tr>
                </thead>
                <tbody>
                  <StandingRow name="All releases" standing={program.overall} badgeLabel={badgeLabel} />
                  {program.releases.map((release) => (
                    <StandingRow
                      key={release.releaseId}
                      name={`Release ${release.releaseVersion}`}
                      standing={release.standing}
                      badgeLabel={badgeLabel}
                    />
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        ))
      )}
    </>
  );
}

function StandingRow(props: {
  name: string;
  standing: Standing;
  badgeLabel: Map<string, { label: string; description: string }>;
}) {
  const { standing } = props;
  return (
    <tr>
      <th scope="row" data-label="Scope">
        {props.name}
      </th>
      <td data-label="Rank">{standing.rank === null ? '—' : `${standing.rank} of ${standing.ranked}`}</td>
      <td data-label="Score">{standing.score}</td>
      <td data-label="Finds">{standing.finds}</td>
      <td data-label="Co-finds">{standing.coFinds}</td>
      <td data-label="Customer-only finds">{standing.customerOnlyFinds}</td>
      <td data-label="Badges">
        {standing.badges.length
          ? standing.badges.map((id) => (
              <span key={id} className="badge badge-award" title={props.badgeLabel.get(id)?.description}>
                {props.badgeLabel.get(id)?.label ?? id}
              </span>
            ))
          : '—'}
      </td>
    </tr>
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
