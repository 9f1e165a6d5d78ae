-- CreateEnum
CREATE TYPE "StillBrokenAction" AS ENUM ('reopen', 'label');

-- CreateEnum
CREATE TYPE "CommentPurpose" AS ENUM ('comment', 'answer', 'still_broken', 'rescue');

-- CreateEnum
CREATE TYPE "NoticeDelivery" AS ENUM ('immediate', 'daily', 'off');

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('pending', 'fixed', 'still_broken', 'expired');

-- AlterEnum
ALTER TYPE "ReportStatus" ADD VALUE 'needs_info';

-- AlterEnum
ALTER TYPE "SyncJobKind" ADD VALUE 'update_issue';

-- AlterEnum
ALTER TYPE "TokenPurpose" ADD VALUE 'password_reset';

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "commentId" UUID,
ADD COLUMN     "verificationId" UUID;

-- AlterTable
ALTER TABLE "Program" ADD COLUMN     "clearNeedsInfoOnAnswer" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "fixedInLabelPrefix" TEXT NOT NULL DEFAULT 'fixed in: ',
ADD COLUMN     "rescueLabel" TEXT NOT NULL DEFAULT 'fieldtest: rescue',
ADD COLUMN     "rescueThreshold" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "rescueWindowDays" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN     "stillBrokenAction" "StillBrokenAction" NOT NULL DEFAULT 'reopen',
ADD COLUMN     "stillBrokenLabel" TEXT NOT NULL DEFAULT 'fieldtest: still-broken',
ADD COLUMN     "verifiedLabel" TEXT NOT NULL DEFAULT 'fieldtest: verified';

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "fixedInBuild" TEXT,
ADD COLUMN     "prioritisedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReportComment" ADD COLUMN     "purpose" "CommentPurpose" NOT NULL DEFAULT 'comment';

-- AlterTable
ALTER TABLE "SyncJob" ADD COLUMN     "payload" JSONB;

-- CreateTable
CREATE TABLE "NoticePreference" (
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "delivery" "NoticeDelivery" NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticePreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "PendingNotice" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "reportId" UUID,
    "summary" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "digestedAt" TIMESTAMP(3),

    CONSTRAINT "PendingNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Verification" (
    "id" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "source" "ReportSource" NOT NULL,
    "build" TEXT NOT NULL,
    "status" "VerificationStatus" NOT NULL DEFAULT 'pending',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),
    "environment" JSONB,
    "note" TEXT,
    "commentId" UUID,

    CONSTRAINT "Verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RescueRequest" (
    "id" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "requestedById" UUID,
    "evidence" JSONB NOT NULL,
    "statusBefore" "ReportStatus" NOT NULL,
    "commentId" UUID,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RescueRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PendingNotice_digestedAt_userId_createdAt_idx" ON "PendingNotice"("digestedAt", "userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Verification_commentId_key" ON "Verification"("commentId");

-- CreateIndex
CREATE INDEX "Verification_userId_status_idx" ON "Verification"("userId", "status");

-- CreateIndex
CREATE INDEX "Verification_reportId_status_idx" ON "Verification"("reportId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Verification_reportId_userId_round_key" ON "Verification"("reportId", "userId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "RescueRequest_reportId_key" ON "RescueRequest"("reportId");

-- CreateIndex
CREATE UNIQUE INDEX "RescueRequest_commentId_key" ON "RescueRequest"("commentId");

-- CreateIndex
CREATE INDEX "Attachment_commentId_idx" ON "Attachment"("commentId");

-- CreateIndex
CREATE INDEX "Attachment_verificationId_idx" ON "Attachment"("verificationId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "ReportComment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_verificationId_fkey" FOREIGN KEY ("verificationId") REFERENCES "Verification"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticePreference" ADD CONSTRAINT "NoticePreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingNotice" ADD CONSTRAINT "PendingNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verification" ADD CONSTRAINT "Verification_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Verification" ADD CONSTRAINT "Verification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RescueRequest" ADD CONSTRAINT "RescueRequest_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RescueRequest" ADD CONSTRAINT "RescueRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
