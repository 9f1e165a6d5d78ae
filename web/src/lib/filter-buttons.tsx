/** Under a list's filters: Show applies them, and Show all, while any applies, takes them off. */
export function FilterButtons(props: { filtered: boolean; onShowAll: () => void }) {
  return (
    <div className="button-row">
      <button type="submit" className="secondary">
        Show
      </button>
      {props.filtered ? (
        <button type="button" className="quiet" onClick={props.onShowAll}>
          Show all
        </button>
      ) : null}
    </div>
  );
}
