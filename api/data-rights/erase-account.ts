import { removePurgedFiles } from '../attachments/remove-purged-files.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SessionUser } from '../lib/app-context.ts';
import { AppError } from '../lib/app-error.ts';
import { recordAudit } from '../lib/record-audit.ts';
import { type ErasedAccount, formerMvpName } from './data-rights.schemas.ts';

/** Unique per account, and undeliverable: `.invalid` is reserved and never resolves (RFC 2606). */
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

/**
 * Erases a customer's account: what identifies them goes, what they contributed stays without them.
 * In one transaction: the account is renamed "A former MVP" with an undeliverable unique address,
 * its password cleared and `erasedAt` set; sessions, one-time links, profile (company, handle,
 * GitHub login, platforms, devices), notice preferences and waiting notices, draft, every e-mail to
 * them (waiting or sent, so the outbox names them no more), join applications, throttle entries
 * and invitations are deleted; enrolments are anonymised the same way (and end, if still open); the
 * address terms were accepted from is cleared; the files they uploaded are marked purged (their
 * records stay, so reports still say a file was there) and the audit trail records the erasure with
 * no personal data. Reports, "me too" entries, comments and verification answers stay, under the
 * anonymised account, so every figure reads the same; their GitHub issues never named the person
 * and are not touched. After the commit, files no live record names are removed from disk.
 */
export async function eraseAccount(options: {
  prisma: PrismaClient;
  dir: string;
  userId: string;
  /** The program lead acting on the customer's request; null when the customer erases themselves. */
  actor: Pick<SessionUser, 'id' | 'name'> | null;
}): Promise<ErasedAccount> {
  const { prisma, userId } = options;
  const { result, sha256s } = await prisma.$transaction(async (tx) => {
    // Locked, so that two erasures (or an erasure and a sign-in's session) cannot interleave.
    const [user] = await tx.$queryRaw<
      { role: string; email: string; disabledAt: Date | null; erasedAt: Date | null }[]
    >`select role::text, email, "disabledAt", "erasedAt" from "User" where id = ${userId}::uuid for update`;
    if (user?.role !== 'mvp') throw new AppError('not_found', { detail: 'No such MVP account.' });
    if (user.erasedAt) throw new AppError('conflict', { detail: 'This account was erased already.' });
    const now = new Date();
    const email = user.email;
    const placeholder = erasedEmail(userId);

    await tx.session.deleteMany({ where: { userId } });
    await tx.accountToken.deleteMany({ where: { userId } });
    await tx.noticePreference.deleteMany({ where: { userId } });
    await tx.pendingNotice.deleteMany({ where: { userId } });
    await tx.reportDraft.deleteMany({ where: { userId } });
    await tx.mvpProfile.deleteMany({ where: { userId } });
    await tx.message.deleteMany({ where: { to: { equals: email, mode: 'insensitive' } } });
    await tx.joinConfirmation.deleteMany({ where: { email } });
    await tx.loginThrottle.deleteMany({
      where: { OR: [{ key: { endsWith: `:${email}` } }, { key: { contains: `:${email}|` } }] },
    });

    const enrolments = { OR: [{ userId }, { email }] };
    await tx.invitation.deleteMany({ where: { enrolment: enrolments } });
    await tx.enrolment.updateMany({
      where: { ...enrolments, status: { in: ['invited', 'applied', 'active'] } },
      data: { status: 'removed', endedAt: now },
    });
    await tx.enrolment.updateMany({
      where: enrolments,
      data: {
        userId,
        email: placeholder,
        name: formerMvpName,
        company: '',
        jobRole: null,
        platforms: [],
        devices: [],
        motivation: null,
      },
    });
    await tx.termsAcceptance.updateMany({ where: { userId }, data: { ip: null } });
    // An issue they opened on GitHub keeps its author there; here it no longer names their login.
    await tx.report.updateMany({ where: { reporterId: userId }, data: { reporterLogin: null } });

    const files = await tx.attachment.findMany({
      where: { uploaderId: userId, purgedAt: null },
      select: { id: true, sha256: true, reportId: true },
    });
    // Uploads never attached to anything belong to no report: their records go with the files.
    await tx.attachment.deleteMany({
      where: { uploaderId: userId, reportId: null, finderId: null, commentId: null, verificationId: null },
    });
    await tx.attachment.updateMany({ where: { uploaderId: userId, purgedAt: null }, data: { purgedAt: now } });

    await tx.user.update({
      where: { id: userId },
      // Disabled too, by the rule every session check and sign-in already applies (lib/account-status.ts):
      // a session a racing sign-in might still write is refused on its first use.
      data: {
        name: formerMvpName,
        email: placeholder,
        passwordHash: null,
        erasedAt: now,
        disabledAt: user.disabledAt ?? now,
      },
      select: { id: true },
    });
    const reportsKept = await tx.report.count({ where: { reporterId: userId } });
    await recordAudit(tx, {
      // A customer erasing themselves is named as what they now are, never by their old name.
      actor: options.actor ?? { id: userId, name: formerMvpName },
      action: 'mvp.erased',
      subjectType: 'user',
      subjectId: userId,
      before: { erased: false },
      after: { erased: true, byRequestOf: options.actor ? 'program lead' : 'self', reportsKept, files: files.length },
    });
    return {
      result: { id: userId, erasedAt: now.toISOString(), reportsKept, filesRemoved: files.length },
      sha256s: files.map((file) => file.sha256),
    };
  });
  await removePurgedFiles({ prisma, dir: options.dir, sha256s });
  return result;
}
