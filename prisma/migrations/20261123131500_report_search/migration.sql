-- Written by hand: Prisma's schema cannot express it. Full-text documents of reports, kept by a
-- trigger, for the similar-report search while a reporter types. The table is declared external
-- to Prisma (scripts/db-migration.ts), so schema diffs leave it alone.

CREATE TABLE "ReportSearch" (
    "reportId" UUID NOT NULL,
    "releaseId" UUID NOT NULL,
    "document" TSVECTOR NOT NULL,

    CONSTRAINT "ReportSearch_pkey" PRIMARY KEY ("reportId"),
    CONSTRAINT "ReportSearch_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE
);

CREATE INDEX "ReportSearch_document_idx" ON "ReportSearch" USING GIN ("document");
CREATE INDEX "ReportSearch_releaseId_idx" ON "ReportSearch" ("releaseId");

CREATE FUNCTION "report_search_document"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReportSearch" ("reportId", "releaseId", "document")
  VALUES (NEW."id", NEW."releaseId", to_tsvector('english', NEW."title" || ' ' || NEW."steps"))
  ON CONFLICT ("reportId") DO UPDATE SET "releaseId" = EXCLUDED."releaseId", "document" = EXCLUDED."document";
  RETURN NULL;
END
$$;

CREATE TRIGGER "report_search_document"
AFTER INSERT OR UPDATE OF "title", "steps", "releaseId" ON "Report"
FOR EACH ROW EXECUTE FUNCTION "report_search_document"();

INSERT INTO "ReportSearch" ("reportId", "releaseId", "document")
SELECT "id", "releaseId", to_tsvector('english', "title" || ' ' || "steps") FROM "Report";
