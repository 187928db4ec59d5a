-- AlterTable
ALTER TABLE "CallCallee" ADD COLUMN "wsToken" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "CallCallee_wsToken_key" ON "CallCallee"("wsToken");
