-- AlterTable
ALTER TABLE "ProgramSync" ADD COLUMN     "repoCheckedAt" TIMESTAMP(3),
ADD COLUMN     "repoProblem" TEXT;
