-- DropIndex
DROP INDEX "Report_duplicateOfId_idx";

-- CreateIndex
CREATE INDEX "Report_releaseId_duplicateOfId_idx" ON "Report"("releaseId", "duplicateOfId");

-- CreateIndex
CREATE INDEX "Report_duplicateOfId_createdAt_source_reporterId_id_idx" ON "Report"("duplicateOfId", "createdAt", "source", "reporterId", "id");
