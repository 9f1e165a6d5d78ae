-- AlterTable
ALTER TABLE "GithubRateState" ALTER COLUMN "nextWriteAt" SET DATA TYPE TIMESTAMP(6);
