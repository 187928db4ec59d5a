-- AlterTable
ALTER TABLE "CallCallee" ADD COLUMN "mediaToken" TEXT;
