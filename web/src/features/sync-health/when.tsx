import { formatDateTime } from '../../lib/format.ts';
import { formatRelative } from './sync-format.ts';

/** A moment shown relative to the server's clock ("3 min ago"), its date and time on hover; "—" for none. */
export function When(props: { at: string | null; now: string }) {
  if (!props.at) return <span className="hint">—</span>;
  return (
    <time dateTime={props.at} title={formatDateTime(props.at)}>
      {formatRelative(props.at, props.now)}
    </time>
  );
}
