-- CreateEnum
CREATE TYPE "GithubCredentialKind" AS ENUM ('token', 'app');

-- CreateTable
CREATE TABLE "ProgramGithubCredential" (
    "programId" UUID NOT NULL,
    "kind" "GithubCredentialKind" NOT NULL,
    "sealed" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "setById" UUID,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgramGithubCredential_pkey" PRIMARY KEY ("programId")
);

-- AddForeignKey
ALTER TABLE "ProgramGithubCredential" ADD CONSTRAINT "ProgramGithubCredential_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;
