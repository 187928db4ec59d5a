-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "phoneNumbers" TEXT NOT NULL DEFAULT '[]',
ALTER COLUMN "email" DROP NOT NULL;
