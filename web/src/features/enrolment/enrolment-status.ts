import type { EnrolmentStatus } from '#api/enrolment/enrolment.schemas.ts';

export const enrolmentStatusNames: Record<EnrolmentStatus, string> = {
  invited: 'Invited',
  applied: 'Applied',
  active: 'Active',
  declined: 'Declined',
  removed: 'Removed',
  completed: 'Completed',
};

export const enrolmentStatusHints: Record<EnrolmentStatus, string> = {
  invited: 'Sent a link, not accepted yet',
  applied: 'Asked through the join link; waiting for your decision',
  active: 'Taking part',
  declined: 'Application turned down',
  removed: 'Taken out of the cohort, or invitation withdrawn',
  completed: 'Took part until the release shipped',
};
