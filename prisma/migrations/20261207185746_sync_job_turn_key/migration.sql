-- Whose turn a sync job takes (api/github-sync/outbound/claim-sync-jobs.ts), kept on the job so
-- that a claim reads the queue alone instead of joining every queued job to its report and comment.

-- AlterTable
ALTER TABLE "SyncJob" ADD COLUMN     "turnKey" UUID;

-- Written by hand: the one rule, the comment's author, else the report's reporter, else the report.
CREATE FUNCTION "sync_job_turn_of"(comment_id UUID, report_id UUID) RETURNS UUID LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT c."authorId" FROM "ReportComment" c WHERE c."id" = comment_id),
    (SELECT r."reporterId" FROM "Report" r WHERE r."id" = report_id),
    report_id);
$$;

-- Filled when the insert does not set it.
CREATE FUNCTION "sync_job_turn_key"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."turnKey" IS NULL THEN
    NEW."turnKey" := "sync_job_turn_of"(NEW."commentId", NEW."reportId");
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "sync_job_turn_key" BEFORE INSERT ON "SyncJob"
FOR EACH ROW EXECUTE FUNCTION "sync_job_turn_key"();

-- Backfill: the jobs already queued (done ones too, for the record).
UPDATE "SyncJob" SET "turnKey" = "sync_job_turn_of"("commentId", "reportId");

-- CreateIndex
CREATE INDEX "SyncJob_turnKey_status_runAfter_id_idx" ON "SyncJob"("turnKey", "status", "runAfter", "id");
