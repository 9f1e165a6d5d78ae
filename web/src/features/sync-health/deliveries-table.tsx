import type { SyncHealth } from '#api/github-sync/health/sync-health.schemas.ts';
import { TableScroll } from '../../lib/table-scroll.tsx';
import { When } from './when.tsx';

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
    <TableScroll>
      <table className="card-table sync-table deliveries">
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Event</th>
            <th scope="col">Issue</th>
            <th scope="col">Status</th>
            <th scope="col">Outcome</th>
            <th scope="col">Processed</th>
          </tr>
        </thead>
        <tbody>
          {props.deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <th scope="row" title={`Delivery ${delivery.id}`}>
                <When at={delivery.receivedAt} now={props.now} />
              </th>
              <td data-label="Event">
                <code>
                  {delivery.event}
                  {delivery.action ? `.${delivery.action}` : ''}
                </code>
              </td>
              <td data-label="Issue">{delivery.issueNumber === null ? '—' : `#${delivery.issueNumber}`}</td>
              <td data-label="Status">
                <span className={`badge badge-delivery-${delivery.status}`} title={statusHints[delivery.status]}>
                  {statusNames[delivery.status]}
                </span>
                {delivery.attempts > 1 ? <span className="cell-note hint">{delivery.attempts} attempts</span> : null}
              </td>
              <td data-label="Outcome" className="sync-reason">
                {delivery.outcome ?? '—'}
              </td>
              <td data-label="Processed">
                <When at={delivery.processedAt} now={props.now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
