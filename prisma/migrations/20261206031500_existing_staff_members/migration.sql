-- Staff work per program from now on. Engineers and internal testers who worked on every program
-- before keep doing so: each becomes a member (not a lead) of every program that exists now.
INSERT INTO "ProgramMember" ("programId", "userId", "lead")
SELECT p."id", u."id", false
FROM "Program" p
CROSS JOIN "User" u
WHERE u."role" IN ('engineer', 'internal_tester')
ON CONFLICT DO NOTHING;
