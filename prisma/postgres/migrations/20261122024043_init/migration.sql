-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "userMac" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthLink" (
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "OAuthLink_pkey" PRIMARY KEY ("provider","providerAccountId")
);

-- CreateTable
CREATE TABLE "HawkSession" (
    "idHmac" TEXT NOT NULL,
    "authKey" TEXT NOT NULL,
    "userMac" TEXT NOT NULL,
    "userId" TEXT,
    "label" TEXT,
    "createdAt" INTEGER NOT NULL,
    "lastUsedAt" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL,

    CONSTRAINT "HawkSession_pkey" PRIMARY KEY ("idHmac")
);

-- CreateTable
CREATE TABLE "PushUrl" (
    "id" SERIAL NOT NULL,
    "userMac" TEXT NOT NULL,
    "sessionHmac" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "createdAt" INTEGER NOT NULL,

    CONSTRAINT "PushUrl_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Room" (
    "token" TEXT NOT NULL,
    "ownerMac" TEXT NOT NULL,
    "roomOwner" TEXT NOT NULL,
    "roomName" TEXT,
    "context" TEXT,
    "maxSize" INTEGER NOT NULL,
    "expiresIn" INTEGER NOT NULL,
    "channel" TEXT,
    "provider" TEXT NOT NULL,
    "sessionId" TEXT,
    "apiKey" TEXT,
    "creationTime" INTEGER NOT NULL,
    "updateTime" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL,

    CONSTRAINT "Room_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "RoomTombstone" (
    "token" TEXT NOT NULL,
    "ownerMac" TEXT NOT NULL,
    "deletedAt" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL,

    CONSTRAINT "RoomTombstone_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "Participant" (
    "id" TEXT NOT NULL,
    "roomToken" TEXT NOT NULL,
    "userMac" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "clientMaxSize" INTEGER NOT NULL,
    "account" TEXT,
    "owner" BOOLEAN NOT NULL DEFAULT false,
    "joinedAt" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL,

    CONSTRAINT "Participant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallUrl" (
    "token" TEXT NOT NULL,
    "userMac" TEXT NOT NULL,
    "callerId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL DEFAULT '',
    "subject" TEXT,
    "timestamp" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL,

    CONSTRAINT "CallUrl_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "Call" (
    "id" TEXT NOT NULL,
    "calleeMac" TEXT NOT NULL,
    "callerMac" TEXT,
    "callerId" TEXT NOT NULL,
    "callType" TEXT NOT NULL,
    "subject" TEXT,
    "calleeFriendlyName" TEXT,
    "callToken" TEXT,
    "urlCreationDate" INTEGER,
    "provider" TEXT NOT NULL,
    "apiKey" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "calleeToken" TEXT NOT NULL,
    "wsCallerToken" TEXT NOT NULL,
    "wsCalleeToken" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'init',
    "reason" TEXT,
    "helloCaller" BOOLEAN NOT NULL DEFAULT false,
    "helloCallee" BOOLEAN NOT NULL DEFAULT false,
    "mediaUpCaller" BOOLEAN NOT NULL DEFAULT false,
    "mediaUpCallee" BOOLEAN NOT NULL DEFAULT false,
    "callerDevices" INTEGER NOT NULL DEFAULT 0,
    "calleeDevices" INTEGER NOT NULL DEFAULT 0,
    "acceptedDevice" TEXT,
    "timerKind" TEXT,
    "timerAt" TIMESTAMP(3),
    "timestamp" INTEGER NOT NULL,
    "endedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" SERIAL NOT NULL,
    "happy" BOOLEAN NOT NULL,
    "category" TEXT,
    "description" TEXT,
    "roomToken" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_userMac_key" ON "User"("userMac");

-- CreateIndex
CREATE INDEX "OAuthLink_userId_idx" ON "OAuthLink"("userId");

-- CreateIndex
CREATE INDEX "HawkSession_userMac_idx" ON "HawkSession"("userMac");

-- CreateIndex
CREATE INDEX "HawkSession_userId_idx" ON "HawkSession"("userId");

-- CreateIndex
CREATE INDEX "HawkSession_expiresAt_idx" ON "HawkSession"("expiresAt");

-- CreateIndex
CREATE INDEX "PushUrl_userMac_topic_idx" ON "PushUrl"("userMac", "topic");

-- CreateIndex
CREATE UNIQUE INDEX "PushUrl_sessionHmac_topic_key" ON "PushUrl"("sessionHmac", "topic");

-- CreateIndex
CREATE INDEX "Room_ownerMac_updateTime_idx" ON "Room"("ownerMac", "updateTime");

-- CreateIndex
CREATE INDEX "Room_expiresAt_idx" ON "Room"("expiresAt");

-- CreateIndex
CREATE INDEX "RoomTombstone_ownerMac_deletedAt_idx" ON "RoomTombstone"("ownerMac", "deletedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_tokenHash_key" ON "Participant"("tokenHash");

-- CreateIndex
CREATE INDEX "Participant_expiresAt_idx" ON "Participant"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_roomToken_userMac_key" ON "Participant"("roomToken", "userMac");

-- CreateIndex
CREATE INDEX "CallUrl_userMac_idx" ON "CallUrl"("userMac");

-- CreateIndex
CREATE INDEX "CallUrl_expiresAt_idx" ON "CallUrl"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Call_wsCallerToken_key" ON "Call"("wsCallerToken");

-- CreateIndex
CREATE UNIQUE INDEX "Call_wsCalleeToken_key" ON "Call"("wsCalleeToken");

-- CreateIndex
CREATE INDEX "Call_calleeMac_timestamp_idx" ON "Call"("calleeMac", "timestamp");

-- CreateIndex
CREATE INDEX "Call_expiresAt_idx" ON "Call"("expiresAt");

-- CreateIndex
CREATE INDEX "Call_timerAt_idx" ON "Call"("timerAt");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_userId_email_key" ON "Contact"("userId", "email");

-- AddForeignKey
ALTER TABLE "OAuthLink" ADD CONSTRAINT "OAuthLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HawkSession" ADD CONSTRAINT "HawkSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_roomToken_fkey" FOREIGN KEY ("roomToken") REFERENCES "Room"("token") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
