-- CreateEnum
CREATE TYPE "SyncJobKind" AS ENUM ('create_issue', 'post_comment');

-- CreateEnum
CREATE TYPE "SyncJobStatus" AS ENUM ('pending', 'running', 'done', 'dead');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'processed', 'ignored', 'failed');

-- AlterTable
ALTER TABLE "MvpProfile" ADD COLUMN     "githubLogin" TEXT,
ADD COLUMN     "showOnLeaderboard" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Program" ADD COLUMN     "issueLabels" TEXT[] DEFAULT ARRAY['fieldtest']::TEXT[],
ADD COLUMN     "needsInfoLabels" TEXT[] DEFAULT ARRAY['needs info']::TEXT[];

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "duplicateOfId" UUID,
ADD COLUMN     "fixedAt" TIMESTAMP(3),
ADD COLUMN     "issueDeletedAt" TIMESTAMP(3),
ADD COLUMN     "issueId" BIGINT,
ADD COLUMN     "issueLabels" TEXT[],
ADD COLUMN     "issueNumber" INTEGER,
ADD COLUMN     "issueRepo" TEXT,
ADD COLUMN     "issueState" TEXT,
ADD COLUMN     "issueStateReason" TEXT,
ADD COLUMN     "issueUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "issueUrl" TEXT,
ADD COLUMN     "triagedAt" TIMESTAMP(3),
ALTER COLUMN "severity" DROP NOT NULL;

-- AlterTable
ALTER TABLE "ReportComment" ADD COLUMN     "authorLogin" TEXT,
ADD COLUMN     "githubCommentId" BIGINT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "SyncJob" (
    "id" UUID NOT NULL,
    "kind" "SyncJobKind" NOT NULL,
    "key" TEXT NOT NULL,
    "programId" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "commentId" UUID,
    "status" "SyncJobStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "firstSentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubRateState" (
    "key" TEXT NOT NULL,
    "nextWriteAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "blockedUntil" TIMESTAMP(3),
    "blockedReason" TEXT,
    "strikes" INTEGER NOT NULL DEFAULT 0,
    "coreLimit" INTEGER,
    "coreRemaining" INTEGER,
    "coreResetAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GithubRateState_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "GithubWrite" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "content" BOOLEAN NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GithubWrite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "action" TEXT,
    "repo" TEXT,
    "issueNumber" INTEGER,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "outcome" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgramSync" (
    "programId" UUID NOT NULL,
    "watermark" TIMESTAMP(3),
    "issuesEtag" TEXT,
    "commentsEtag" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastReconcileAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),

    CONSTRAINT "ProgramSync_pkey" PRIMARY KEY ("programId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SyncJob_key_key" ON "SyncJob"("key");

-- CreateIndex
CREATE UNIQUE INDEX "SyncJob_commentId_key" ON "SyncJob"("commentId");

-- CreateIndex
CREATE INDEX "SyncJob_status_runAfter_idx" ON "SyncJob"("status", "runAfter");

-- CreateIndex
CREATE INDEX "SyncJob_programId_status_idx" ON "SyncJob"("programId", "status");

-- CreateIndex
CREATE INDEX "GithubWrite_key_sentAt_idx" ON "GithubWrite"("key", "sentAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_receivedAt_idx" ON "WebhookDelivery"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_repo_receivedAt_idx" ON "WebhookDelivery"("repo", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "MvpProfile_githubLogin_key" ON "MvpProfile"("githubLogin");

-- CreateIndex
CREATE INDEX "Report_duplicateOfId_idx" ON "Report"("duplicateOfId");

-- CreateIndex
CREATE INDEX "Report_releaseId_createdAt_idx" ON "Report"("releaseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Report_issueRepo_issueNumber_key" ON "Report"("issueRepo", "issueNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ReportComment_githubCommentId_key" ON "ReportComment"("githubCommentId");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Report"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncJob" ADD CONSTRAINT "SyncJob_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncJob" ADD CONSTRAINT "SyncJob_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncJob" ADD CONSTRAINT "SyncJob_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "ReportComment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramSync" ADD CONSTRAINT "ProgramSync_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;
