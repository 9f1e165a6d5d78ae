/** An MVP's badges by name, each explained on hover; a dash when there is none. */
export function Badges(props: { ids: string[]; labels: Map<string, { label: string; description: string }> }) {
  if (props.ids.length === 0) return '—';
  return props.ids.map((id) => (
    <span key={id} className="badge badge-award" title={props.labels.get(id)?.description}>
      {props.labels.get(id)?.label ?? id}
    </span>
  ));
}
