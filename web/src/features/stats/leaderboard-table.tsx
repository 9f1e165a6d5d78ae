import type { Leaderboard } from '#api/stats/stats.schemas.ts';
import { TableScroll } from '../../lib/table-scroll.tsx';

/** The public board: rank, handle (or "anonymous MVP"), score and what it is made of, badges. */
export function LeaderboardTable(props: { board: Leaderboard; caption: string }) {
  const { board } = props;
  const badgeLabel = new Map(board.badges.map((badge) => [badge.id, badge]));
  return (
    <>
      <p className="hint">
        Score = {board.weights.finder} points per priority actionable cluster found first, from engineering's priority
        labels. Co-finds (“me too”) are shown but earn no points. Customers with a find only, by handle.
      </p>
      {board.entries.length === 0 ? (
        <p className="empty-state">No customer has a priority find here yet.</p>
      ) : (
        <TableScroll>
          <table className="card-table leaderboard-table">
            <caption className="visually-hidden">{props.caption}</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">MVP</th>
                <th scope="col">Score</th>
                <th scope="col">Finds</th>
                <th scope="col">Co-finds</th>
                <th scope="col">Badges</th>
              </tr>
            </thead>
            <tbody>
              {board.entries.map((entry, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: anonymous entries have no identity to key by; the board is read-only
                <tr key={`${entry.rank}-${index}`} className={entry.you ? 'is-you' : undefined}>
                  <td data-label="Rank">{entry.rank}</td>
                  <th scope="row" data-label="MVP">
                    {entry.displayName}
                    {entry.you ? ' (you)' : ''}
                  </th>
                  <td data-label="Score">{entry.score}</td>
                  <td data-label="Finds">{entry.finds}</td>
                  <td data-label="Co-finds">{entry.coFinds}</td>
                  <td data-label="Badges">
                    {entry.badges.length
                      ? entry.badges.map((id) => (
                          <span key={id} className="badge badge-award" title={badgeLabel.get(id)?.description}>
                            {badgeLabel.get(id)?.label ?? id}
                          </span>
                        ))
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
