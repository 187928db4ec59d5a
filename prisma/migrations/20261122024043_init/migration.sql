-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "userMac" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "OAuthLink" (
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("provider", "providerAccountId"),
    CONSTRAINT "OAuthLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HawkSession" (
    "idHmac" TEXT NOT NULL PRIMARY KEY,
    "authKey" TEXT NOT NULL,
    "userMac" TEXT NOT NULL,
    "userId" TEXT,
    "label" TEXT,
    "createdAt" INTEGER NOT NULL,
    "lastUsedAt" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL,
    CONSTRAINT "HawkSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PushUrl" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userMac" TEXT NOT NULL,
    "sessionHmac" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "createdAt" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Room" (
    "token" TEXT NOT NULL PRIMARY KEY,
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
    "expiresAt" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "RoomTombstone" (
    "token" TEXT NOT NULL PRIMARY KEY,
    "ownerMac" TEXT NOT NULL,
    "deletedAt" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roomToken" TEXT NOT NULL,
    "userMac" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "clientMaxSize" INTEGER NOT NULL,
    "account" TEXT,
    "owner" BOOLEAN NOT NULL DEFAULT false,
    "joinedAt" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL,
    CONSTRAINT "Participant_roomToken_fkey" FOREIGN KEY ("roomToken") REFERENCES "Room" ("token") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CallUrl" (
    "token" TEXT NOT NULL PRIMARY KEY,
    "userMac" TEXT NOT NULL,
    "callerId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL DEFAULT '',
    "subject" TEXT,
    "timestamp" INTEGER NOT NULL,
    "expiresAt" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Call" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "timerAt" DATETIME,
    "timestamp" INTEGER NOT NULL,
    "endedAt" DATETIME,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Contact_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "happy" BOOLEAN NOT NULL,
    "category" TEXT,
    "description" TEXT,
    "roomToken" TEXT,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
