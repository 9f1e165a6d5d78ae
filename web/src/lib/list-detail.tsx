/** An entry of a `dl` whose value is a list (a release's focus areas); nothing when the list is empty. */
export function ListDetail(props: { term: string; items: readonly string[] }) {
  if (props.items.length === 0) return null;
  return (
    <>
      <dt>{props.term}</dt>
      <dd>
        <ul className="plain-list">
          {props.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </dd>
    </>
  );
}
