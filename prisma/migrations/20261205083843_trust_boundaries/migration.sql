-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "finderId" UUID;

-- AlterTable
ALTER TABLE "Program" ADD COLUMN     "githubCommenters" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "suggestInternalReports" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ReportComment" ADD COLUMN     "authorAssociation" TEXT,
ADD COLUMN     "finderId" UUID;

-- CreateTable
CREATE TABLE "JoinConfirmation" (
    "id" UUID NOT NULL,
    "releaseId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "application" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "JoinConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "JoinConfirmation_tokenHash_key" ON "JoinConfirmation"("tokenHash");

-- CreateIndex
CREATE INDEX "JoinConfirmation_releaseId_email_idx" ON "JoinConfirmation"("releaseId", "email");

-- CreateIndex
CREATE INDEX "JoinConfirmation_expiresAt_idx" ON "JoinConfirmation"("expiresAt");

-- CreateIndex
CREATE INDEX "Attachment_finderId_idx" ON "Attachment"("finderId");

-- CreateIndex
CREATE INDEX "ReportComment_finderId_idx" ON "ReportComment"("finderId");

-- AddForeignKey
ALTER TABLE "JoinConfirmation" ADD CONSTRAINT "JoinConfirmation_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_finderId_fkey" FOREIGN KEY ("finderId") REFERENCES "ReportFinder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportComment" ADD CONSTRAINT "ReportComment_finderId_fkey" FOREIGN KEY ("finderId") REFERENCES "ReportFinder"("id") ON DELETE CASCADE ON UPDATE CASCADE;
