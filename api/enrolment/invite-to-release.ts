import type { PrismaClient } from '../generated/prisma/client.ts';
import { AppError, type FieldError } from '../lib/app-error.ts';
import { assertCohortRoom } from './assert-cohort-room.ts';
import { readCohortMembers } from './cohort-member-view.ts';
import { type CohortMember, type Invitee, inCohortStatuses } from './enrolment.schemas.ts';
import { issueInvitations } from './issue-invitations.ts';
import { assertNotShipped, lockCohortRelease } from './lock-cohort.ts';

const inCohort: readonly string[] = inCohortStatuses;

/**
 * Invites people into a release's cohort, all or nothing: each gets an enrolment (linked to their
 * account if they have one), a single-use invitation link and the e-mail that carries it.
 */
export async function inviteToRelease(options: {
  prisma: PrismaClient;
  publicUrl: string;
  smtpConfigured: boolean;
  releaseId: string;
  invitees: Invitee[];
}): Promise<CohortMember[]> {
  const { invitees } = options;
  const emails = invitees.map((invitee) => invitee.email);
  return options.prisma.$transaction(
    async (tx) => {
      const release = await lockCohortRelease(tx, options.releaseId);
      assertNotShipped(release);
      const existing = await tx.enrolment.findMany({
        where: { releaseId: release.id, email: { in: emails } },
        select: { id: true, email: true, status: true },
      });
      const accounts = await tx.user.findMany({
        where: { email: { in: emails } },
        select: { id: true, email: true, role: true },
      });
      const enrolmentOf = new Map(existing.map((row) => [row.email, row]));
      const accountOf = new Map(accounts.map((row) => [row.email, row]));

      const fields: FieldError[] = [];
      invitees.forEach((invitee, index) => {
        const field = `invitees.${index}.email`;
        const enrolment = enrolmentOf.get(invitee.email);
        const role = accountOf.get(invitee.email)?.role;
        if (enrolment && inCohort.includes(enrolment.status))
          fields.push({ field, message: `Already in this release's cohort (${enrolment.status})` });
        else if (role && role !== 'mvp') fields.push({ field, message: 'This e-mail belongs to a staff account' });
      });
      if (fields.length)
        throw new AppError('conflict', {
          detail:
            fields.length === 1
              ? 'One of these people cannot be invited; nobody was.'
              : `${fields.length} of these people cannot be invited; nobody was.`,
          fields,
        });
      await assertCohortRoom(tx, { release, adding: invitees.length });

      // Someone declined or removed earlier keeps their one enrolment per release, which starts over.
      const fresh = invitees.filter((invitee) => !enrolmentOf.has(invitee.email));
      const created = await tx.enrolment.createManyAndReturn({
        data: fresh.map((invitee) => ({
          releaseId: release.id,
          email: invitee.email,
          name: invitee.name,
          company: invitee.company,
          userId: accountOf.get(invitee.email)?.id ?? null,
          status: 'invited' as const,
          source: 'invitation' as const,
        })),
        select: { id: true, email: true },
      });
      const idOf = new Map(created.map((row) => [row.email, row.id]));
      for (const invitee of invitees) {
        const previous = enrolmentOf.get(invitee.email);
        if (!previous) continue;
        await tx.enrolment.update({
          where: { id: previous.id },
          data: {
            name: invitee.name,
            company: invitee.company,
            userId: accountOf.get(invitee.email)?.id ?? null,
            status: 'invited',
            activatedAt: null,
            decidedAt: null,
            endedAt: null,
          },
          select: { id: true },
        });
        idOf.set(invitee.email, previous.id);
      }

      const people = invitees.map((invitee) => ({
        enrolmentId: idOf.get(invitee.email)!,
        email: invitee.email,
        name: invitee.name,
      }));
      await issueInvitations(tx, {
        release,
        people,
        publicUrl: options.publicUrl,
        smtpConfigured: options.smtpConfigured,
      });
      const members = await readCohortMembers(tx, {
        programId: release.programId,
        where: { id: { in: people.map((person) => person.enrolmentId) } },
      });
      const order = new Map(people.map((person, index) => [person.enrolmentId, index]));
      return members.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    },
    // Up to 500 people, each with an enrolment, a link and an e-mail.
    { timeout: 60_000 },
  );
}
