import type { SyncHealth } from '#api/github-sync/health/sync-health.schemas.ts';
import { DataTable } from '../../lib/data-table.tsx';
import { When } from './when.tsx';
import './sync-health.css';

type Delivery = SyncHealth['deliveries'][number];

const statusNames: Record<Delivery['status'], string> = {
  pending: 'Waiting',
  processed: 'Applied',
  ignored: 'Ignored',
  failed: 'Failed',
};

const statusHints: Record<Delivery['status'], string> = {
  pending: 'Stored, not yet applied',
  processed: 'Applied to the report',
  ignored: 'Nothing to do: another event, or an issue Fieldtest does not follow',
  failed: 'Could not be applied; reconciliation repairs what it missed',
};

/** What GitHub told Fieldtest about the repository lately, and what came of it. */
export function DeliveriesTable(props: { deliveries: Delivery[]; now: string }) {
  return (
    <DataTable
      className="card-table sync-table deliveries"
      rows={props.deliveries}
      rowKey={(delivery) => delivery.id}
      columns={[
        {
          header: 'Received',
          cellTitle: (delivery) => `Delivery ${delivery.id}`,
          cell: (delivery) => <When at={delivery.receivedAt} now={props.now} />,
        },
        {
          header: 'Event',
          cell: (delivery) => (
            <code>
              {delivery.event}
              {delivery.action ? `.${delivery.action}` : ''}
            </code>
          ),
        },
        {
          header: 'Issue',
          cell: (delivery) => (delivery.issueNumber === null ? '—' : `#${delivery.issueNumber}`),
        },
        {
          header: 'Status',
          cell: (delivery) => (
            <>
              <span className={`badge badge-delivery-${delivery.status}`} title={statusHints[delivery.status]}>
                {statusNames[delivery.status]}
              </span>
              {delivery.attempts > 1 ? <span className="cell-note hint">{delivery.attempts} attempts</span> : null}
            </>
          ),
        },
        { header: 'Outcome', cellClassName: 'sync-reason', cell: (delivery) => delivery.outcome ?? '—' },
        { header: 'Processed', cell: (delivery) => <When at={delivery.processedAt} now={props.now} /> },
      ]}
    />
  );
}
