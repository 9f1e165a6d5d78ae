/** " · GitHub issue", linking to the issue a report became, in a line of facts about it; nothing before it has one. */
export function IssueLink(props: { url: string | null | undefined }) {
  if (!props.url) return null;
  return (
    <>
      {' · '}
      <a href={props.url} rel="noreferrer" target="_blank">
        GitHub issue
      </a>
    </>
  );
}
