-- AlterTable
ALTER TABLE "Program" ADD COLUMN     "verificationReminderDays" INTEGER NOT NULL DEFAULT 3;

-- AlterTable
ALTER TABLE "Verification" ADD COLUMN     "remindedAt" TIMESTAMP(3);
