-- Written by hand: Prisma's schema cannot express it. One row per cluster (a canonical report, the
-- reports whose duplicateOfId chain leads to it, and the "me too"s said on any of them) kept by
-- triggers on "Report" and "ReportFinder", so a release's figures are one scan of its clusters
-- instead of a walk down every duplicate chain per read. A row holds:
-- - the cluster's finder and its members counted by source, recomputed whole whenever a member's
--   link, creation time, source or reporter changes, or a "me too" comes or goes;
-- - a copy of the canonical report's facts that triage changes (release, level, component, status,
--   labels (lower-cased, as the program's not-actionable labels compare), deletion on GitHub,
--   triage and fix times), copied in the statement that changes them,
--   so the figures follow GitHub on the next read. Whether those facts make the cluster priority
--   and actionable is still decided at read time, from the program's current settings.
-- Declared external to Prisma (scripts/db-migration.ts), so schema diffs leave it alone.

CREATE TABLE "ReportCluster" (
    "rootId" UUID NOT NULL,
    "programId" UUID NOT NULL,
    "releaseId" UUID NOT NULL,
    "priority" TEXT,
    "component" TEXT,
    "status" "ReportStatus" NOT NULL,
    "labelsLower" TEXT[] NOT NULL,
    "issueDeletedAt" TIMESTAMP(3),
    "triagedAt" TIMESTAMP(3),
    "fixedAt" TIMESTAMP(3),
    "foundAt" TIMESTAMP(3) NOT NULL,
    "finderSource" TEXT NOT NULL,
    "finderKind" INTEGER NOT NULL,
    "finderEntryId" UUID NOT NULL,
    "finderReportId" UUID NOT NULL,
    "finderUserId" UUID,
    "members" INTEGER NOT NULL,
    "customerMembers" INTEGER NOT NULL,
    "internalMembers" INTEGER NOT NULL,

    CONSTRAINT "ReportCluster_pkey" PRIMARY KEY ("rootId"),
    CONSTRAINT "ReportCluster_rootId_fkey" FOREIGN KEY ("rootId") REFERENCES "Report"("id") ON DELETE CASCADE
)
-- Room on each page, so that triage changes and new members rewrite a row in place (HOT).
WITH (fillfactor = 90);

CREATE INDEX "ReportCluster_releaseId_idx" ON "ReportCluster" ("releaseId");
CREATE INDEX "ReportCluster_programId_idx" ON "ReportCluster" ("programId");

-- Labels as the statistics compare them: case-insensitively (GitHub's labels are), none when unset.
CREATE FUNCTION "report_cluster_labels"(labels TEXT[]) RETURNS TEXT[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array(SELECT lower(label) FROM unnest(labels) AS label)
$$;

-- Recomputes, from the rows as they are now, the clusters that hold any of `touched`, and drops the
-- rows of touched reports that no longer start a cluster. Callers pass every report whose cluster
-- may have changed: a report whose link, time, source or reporter changed, and its former parent.
-- Recomputing whole clusters (a handful of rows each) keeps this simple and correct whatever
-- changed; callers hold report_cluster_lock, so two transactions never write one cluster from
-- different snapshots.
CREATE FUNCTION "report_cluster_refresh"(touched UUID[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  -- Up each chain to its canonical report. `union` drops repeated rows, so a chain that loops
  -- ends without reaching one (as in the statistics' own walk, such reports are in no cluster).
  WITH RECURSIVE up (id, parent) AS (
    SELECT r."id", r."duplicateOfId" FROM unnest(touched) AS t(id) JOIN "Report" r ON r."id" = t.id
    UNION
    SELECT r."id", r."duplicateOfId" FROM up JOIN "Report" r ON r."id" = up.parent
  ),
  -- Down from each canonical report through the duplicateOfId index (`offset 0` keeps the lateral
  -- subquery from being pulled up into a hash of the whole table at every step).
  member (id, root) AS (
    SELECT DISTINCT up.id, up.id FROM up WHERE up.parent IS NULL
    UNION ALL
    SELECT d."id", m.root FROM member m
    CROSS JOIN LATERAL (SELECT r."id" FROM "Report" r WHERE r."duplicateOfId" = m.id OFFSET 0) d
  ),
  entry AS (
    SELECT m.root, r."createdAt" AS at, r."source"::text AS source, 0 AS kind, r."id" AS entry_id,
           r."id" AS report_id, r."reporterId" AS user_id
    FROM member m JOIN "Report" r ON r."id" = m.id
    UNION ALL
    SELECT m.root, f."createdAt", f."source"::text, 1, f."id", f."reportId", f."userId"
    FROM member m JOIN "ReportFinder" f ON f."reportId" = m.id
  ),
  -- The finder is the entry created first; ties: a report before a "me too", then the lower id
  -- (as in api/stats/cluster-sql.ts, which walks the same way for the leaderboard and member lists).
  summary AS (
    SELECT DISTINCT ON (e.root) e.root, e.at, e.source, e.kind, e.entry_id, e.report_id, e.user_id,
           count(*) OVER w AS members,
           count(*) FILTER (WHERE e.source = 'customer') OVER w AS customer_members,
           count(*) FILTER (WHERE e.source = 'internal') OVER w AS internal_members
    FROM entry e
    WINDOW w AS (PARTITION BY e.root)
    ORDER BY e.root, e.at, e.kind, e.entry_id
  )
  INSERT INTO "ReportCluster" ("rootId", "programId", "releaseId", "priority", "component", "status",
    "labelsLower", "issueDeletedAt", "triagedAt", "fixedAt", "foundAt", "finderSource", "finderKind",
    "finderEntryId", "finderReportId", "finderUserId", "members", "customerMembers", "internalMembers")
  SELECT s.root, r."programId", r."releaseId", r."priority", r."component", r."status",
         "report_cluster_labels"(r."issueLabels"),
         r."issueDeletedAt", r."triagedAt", r."fixedAt", s.at, s.source, s.kind, s.entry_id, s.report_id,
         s.user_id, s.members, s.customer_members, s.internal_members
  FROM summary s JOIN "Report" r ON r."id" = s.root
  -- Rows in filing order, as one by one they would be: a bulk refresh (the backfill) then keeps a
  -- release's clusters together on disk, which is what a release's figures read.
  ORDER BY r."createdAt", r."id"
  -- The canonical's facts are the fact trigger's to keep (below); this sets membership only.
  ON CONFLICT ("rootId") DO UPDATE SET
    "foundAt" = EXCLUDED."foundAt", "finderSource" = EXCLUDED."finderSource",
    "finderKind" = EXCLUDED."finderKind", "finderEntryId" = EXCLUDED."finderEntryId",
    "finderReportId" = EXCLUDED."finderReportId", "finderUserId" = EXCLUDED."finderUserId",
    "members" = EXCLUDED."members", "customerMembers" = EXCLUDED."customerMembers",
    "internalMembers" = EXCLUDED."internalMembers";

  -- A canonical report that became a duplicate (or joined a loop) no longer starts a cluster.
  DELETE FROM "ReportCluster" c
  WHERE c."rootId" = ANY (touched)
    AND NOT EXISTS (SELECT 1 FROM "Report" r WHERE r."id" = c."rootId" AND r."duplicateOfId" IS NULL);
END
$$;

-- Serialises membership changes until commit. Taken before reading, so the refresh that follows
-- reads (in its own statement's snapshot) everything committed before it: two transactions linking
-- reports of one cluster, or saying "me too" on it, cannot each write a count that misses the
-- other's change. One lock for all clusters, because a report's cluster is only known after
-- reading (and a link may join programs that share a repository); links and "me too"s are rare and
-- their transactions short. Filing a report and triage changes take no lock (below).
CREATE FUNCTION "report_cluster_lock"() RETURNS VOID LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(7401, 0)
$$;

CREATE FUNCTION "report_cluster_after_report"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  touched UUID[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n."id") INTO touched FROM new_rows n;
    -- A filed report is canonical and nothing links to it yet: its cluster is its own and no other
    -- transaction can reach it before this one commits, so filing takes no lock.
    IF EXISTS (SELECT 1 FROM new_rows n WHERE n."duplicateOfId" IS NOT NULL) THEN
      PERFORM "report_cluster_lock"();
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Triage changed a canonical report: copy its facts. Only these columns are written here and
    -- only here, and the report's own row lock orders such changes, so no cluster lock is needed.
    UPDATE "ReportCluster" k
    SET "programId" = n."programId", "releaseId" = n."releaseId", "priority" = n."priority",
        "component" = n."component", "status" = n."status", "labelsLower" = "report_cluster_labels"(n."issueLabels"),
        "issueDeletedAt" = n."issueDeletedAt", "triagedAt" = n."triagedAt", "fixedAt" = n."fixedAt"
    FROM new_rows n
    JOIN old_rows o ON o."id" = n."id"
    WHERE k."rootId" = n."id"
      AND (n."programId", n."releaseId", n."priority", n."component", n."status", n."issueLabels",
           n."issueDeletedAt", n."triagedAt", n."fixedAt")
          IS DISTINCT FROM (o."programId", o."releaseId", o."priority", o."component", o."status",
           o."issueLabels", o."issueDeletedAt", o."triagedAt", o."fixedAt");
    -- Only a change of link, time, source or reporter moves a cluster's members or its finder; the
    -- former parent's cluster may have lost members.
    SELECT array_agg(DISTINCT x.id) INTO touched
    FROM new_rows n
    JOIN old_rows o ON o."id" = n."id"
    CROSS JOIN LATERAL (VALUES (n."id"), (o."duplicateOfId")) AS x(id)
    WHERE x.id IS NOT NULL
      AND (n."duplicateOfId", n."createdAt", n."source", n."reporterId")
          IS DISTINCT FROM (o."duplicateOfId", o."createdAt", o."source", o."reporterId");
    IF touched IS NULL THEN RETURN NULL; END IF;
    PERFORM "report_cluster_lock"();
  ELSE
    -- A deleted canonical report's row goes with it (foreign key); its former cluster loses a member.
    SELECT array_agg(o."duplicateOfId") INTO touched FROM old_rows o WHERE o."duplicateOfId" IS NOT NULL;
    IF touched IS NULL THEN RETURN NULL; END IF;
    PERFORM "report_cluster_lock"();
  END IF;
  PERFORM "report_cluster_refresh"(touched);
  RETURN NULL;
END
$$;

-- Statement triggers with transition tables: a bulk insert refreshes its clusters in one pass.
-- (PostgreSQL allows neither several events nor a column list on a trigger with transition tables.)
CREATE TRIGGER "report_cluster_insert" AFTER INSERT ON "Report"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_cluster_after_report"();
CREATE TRIGGER "report_cluster_update" AFTER UPDATE ON "Report"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_cluster_after_report"();
CREATE TRIGGER "report_cluster_delete" AFTER DELETE ON "Report"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_cluster_after_report"();

CREATE FUNCTION "report_cluster_after_finder"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  touched UUID[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n."reportId") INTO touched FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(x.id) INTO touched
    FROM new_rows n
    JOIN old_rows o ON o."id" = n."id"
    CROSS JOIN LATERAL (VALUES (n."reportId"), (o."reportId")) AS x(id)
    WHERE (n."reportId", n."createdAt", n."source", n."userId")
          IS DISTINCT FROM (o."reportId", o."createdAt", o."source", o."userId");
  ELSE
    SELECT array_agg(o."reportId") INTO touched FROM old_rows o;
  END IF;
  IF touched IS NULL THEN RETURN NULL; END IF;
  PERFORM "report_cluster_lock"();
  PERFORM "report_cluster_refresh"(touched);
  RETURN NULL;
END
$$;

CREATE TRIGGER "report_cluster_finder_insert" AFTER INSERT ON "ReportFinder"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_cluster_after_finder"();
CREATE TRIGGER "report_cluster_finder_update" AFTER UPDATE ON "ReportFinder"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_cluster_after_finder"();
CREATE TRIGGER "report_cluster_finder_delete" AFTER DELETE ON "ReportFinder"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "report_cluster_after_finder"();

-- Backfill: every cluster as the reports stand.
SELECT "report_cluster_refresh"(array(SELECT r."id" FROM "Report" r WHERE r."duplicateOfId" IS NULL));
