import type { Leaderboard } from '#api/stats/stats.schemas.ts';
import { DataTable } from '../../lib/data-table.tsx';
import './stats.css';
import { Badges } from './badges.tsx';

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
        <DataTable
          className="card-table leaderboard-table"
          caption={props.caption}
          rows={board.entries}
          // Anonymous entries have no identity to key by; the board is read-only.
          rowKey={(entry, index) => `${entry.rank}-${index}`}
          rowClassName={(entry) => (entry.you ? 'is-you' : undefined)}
          rowHeader={1}
          columns={[
            { header: 'Rank', cell: (entry) => entry.rank },
            { header: 'MVP', cell: (entry) => `${entry.displayName}${entry.you ? ' (you)' : ''}` },
            { header: 'Score', cell: (entry) => entry.score },
            { header: 'Finds', cell: (entry) => entry.finds },
            { header: 'Co-finds', cell: (entry) => entry.coFinds },
            { header: 'Badges', cell: (entry) => <Badges ids={entry.badges} labels={badgeLabel} /> },
          ]}
        />
      )}
    </>
  );
}
