import type { Cohort } from '#api/enrolment/enrolment.schemas.ts';
import type { Release } from '#api/releases/releases.schemas.ts';
import { DataTable } from '../../lib/data-table.tsx';
import { LoadState } from '../../lib/page-state.tsx';
import { useCanManageProgram } from '../../lib/session.ts';
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

  if (cohort.isPending || cohort.error) {
    return (
      <section aria-labelledby="cohort-heading">
        <h2 id="cohort-heading">Cohort</h2>
        <LoadState query={cohort} />
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
          <DataTable
            className="cohort-table card-table"
            rows={members}
            rowKey={(member) => member.id}
            headers={[
              { header: 'Name' },
              { header: 'Company' },
              { header: 'E-mail' },
              { header: 'Status' },
              {
                header: 'Terms accepted',
                headerTitle: "The latest version of the program's terms this person accepted",
              },
              { header: 'Reports' },
              { header: 'Actions', headerHidden: true },
            ]}
            renderRow={(member) => <CohortMemberRow member={member} releaseId={release.id} readOnly={shipped} />}
          />
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
