import type { Prisma } from '../generated/prisma/client.ts';

/**
 * A person's own request to check a fix and their answer: the verification page reads it (with
 * more, see find-my-verification.ts), and the person's data export carries it as it stands.
 */
export const verificationFieldsSelect = {
  reportId: true,
  round: true,
  role: true,
  build: true,
  status: true,
  requestedAt: true,
  answeredAt: true,
  environment: true,
  note: true,
} as const satisfies Prisma.VerificationSelect;
