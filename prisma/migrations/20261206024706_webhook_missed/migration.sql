-- AlterTable
ALTER TABLE "ProgramSync" ADD COLUMN     "webhookMissedAt" TIMESTAMP(3),
ADD COLUMN     "webhookMissedIssue" INTEGER;
