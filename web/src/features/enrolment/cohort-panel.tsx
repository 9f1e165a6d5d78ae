import type { Cohort } from '#api/enrolment/enrolment.schemas.ts';
import type { Release } from '#api/releases/releases.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { FormAlert } from '../../lib/form.tsx';
import { useCanManageProgram } from '../../lib/session.ts';
import { TableScroll } from '../../lib/table-scroll.tsx';
import { ApplicationsQueue } from './applications-queue.tsx';
import { useCohort } from './cohort-api.ts';
import { CohortMemberRow } from './cohort-member-row.tsx';
import { InviteForm } from './invite-form.tsx';
import { JoinLinkPanel } from './join-link-panel.tsx';

/** The program lead's side of a release (admins and the program's leads): who is in, who asked to be, and how to bring more people in. */
export function CohortPanel(props: { release: Release }) {
  const canManage = useCanManageProgram(props.release.programId);
  if (!canManage) return null;
  return <CohortSections release={props.release} />;
}

function CohortSections(props: { release: Release }) {
  const { release } = props;
  const cohort = useCohort(release.id);
  const shipped = release.status === 'shipped';

  if (cohort.isPending) {
    return (
      <section aria-labelledby="cohort-heading">
        <h2 id="cohort-heading">Cohort</h2>
        <p role="status">Loading…</p>
      </section>
    );
  }
  if (cohort.error) {
    return (
      <section aria-labelledby="cohort-heading">
        <h2 id="cohort-heading">Cohort</h2>
        <FormAlert message={errorMessage(cohort.error)} />
      </section>
    );
  }
  const members = cohort.data.items.filter((member) => member.status !== 'applied');
  const applications = cohort.data.items.filter((member) => member.status === 'applied');
  return (
    <>
      <section aria-labelledby="cohort-heading">
        <h2 id="cohort-heading">Cohort</h2>
        <p>
          {capacityText(cohort.data.capacity)}
          {shipped ? ' The release has shipped: its cohort is complete and takes nobody new.' : ''}
        </p>
        {members.length === 0 ? (
          <p className="hint">
            {shipped ? 'Nobody took part in this release.' : 'Nobody yet: invite people below, or open the join link.'}
          </p>
        ) : (
          <TableScroll>
            <table className="cohort-table card-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Company</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Status</th>
                  <th scope="col" title="The latest version of the program's terms this person accepted">
                    Terms accepted
                  </th>
                  <th scope="col">Reports</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <CohortMemberRow key={member.id} member={member} releaseId={release.id} readOnly={shipped} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {shipped && applications.length === 0 ? null : (
        <ApplicationsQueue releaseId={release.id} applications={applications} readOnly={shipped} />
      )}
      {shipped ? null : (
        <>
          <InviteForm releaseId={release.id} />
          <JoinLinkPanel releaseId={release.id} joinLink={cohort.data.joinLink} />
        </>
      )}
    </>
  );
}

function capacityText(capacity: Cohort['capacity']): string {
  if (capacity.limit === null) return `${capacity.taken} invited or active; no limit on the cohort's size.`;
  return `${capacity.taken} of ${capacity.limit} places taken (invited or active); ${capacity.remaining ?? 0} left.`;
}
