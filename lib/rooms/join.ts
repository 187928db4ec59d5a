import { randomUUID } from "node:crypto";
import type { Caller } from "../auth/caller";
import { participantTokenHash } from "../auth/guest";
import { clock } from "../clock";
import { randomToken } from "../crypto";
import { db, sql } from "../db";
import { participants as participantSql, rooms as roomSql } from "../db/statements";
import { errno, errors, LoopError } from "../http/errors";
import { decryptAccountName, encryptAccountName } from "./account-name";
import { ensureMediaSession } from "./media-session";
import { notifyOwner, type RoomEventDetails } from "./notify";
import { findLiveRoom, isRoomOwner } from "./queries";
import { validate } from "../http/handler";
import { joinInput } from "./validate";
import { limits } from "../protocol";

/** Seconds a media token stays valid (ref §2.6 step 2: 24 h). */
const MEDIA_TOKEN_TTL_SEC = 24 * 3600;

type Seat = { userMac: string; clientMaxSize: number; owner: boolean };

/**
 * Whether one more participant fits (ref §2.6 `canJoinRoom`). Only the *others* count: a
 * caller already in the room re-joins without counting twice. A seat is always kept for the
 * owner. Throws 400 / 202 (room full) or 400 / 121 (the joiner's client cannot show that many).
 */
export function checkCapacity(room: { maxSize: number }, others: Seat[], joiner: { isOwner: boolean; clientMaxSize: number }) {
  const limit = others.reduce((m, p) => Math.min(m, p.clientMaxSize), room.maxSize);
  let spare = limit - others.length;
  if (!joiner.isOwner && !others.some((p) => p.owner)) spare -= 1;
  if (spare <= 0) throw new LoopError(400, errno.ROOM_FULL, "The room is full.");
  if (joiner.clientMaxSize <= others.length) {
    throw new LoopError(400, errno.CLIENT_REACHED_CAPACITY, "Too many participants in the room for you to handle.");
  }
}

/** Who is joining: a user (Hawk or web), a guest re-joining with its token, or a new guest. */
async function joinerIdentity(caller: Caller) {
  switch (caller.kind) {
    case "web":
      return { userMac: caller.userMac, account: caller.email as string | null };
    case "hawk": {
      if (!caller.userId) return { userMac: caller.userMac, account: null };
      const user = await db().user.findUnique({ where: { id: caller.userId }, select: { email: true } });
      return { userMac: caller.userMac, account: user?.email ?? null };
    }
    case "guest":
      return { userMac: caller.userMac, account: null };
    case "anonymous":
      return { userMac: null, account: null };
  }
}

export type JoinResult = {
  apiKey: string;
  sessionId: string;
  sessionToken: string;
  expires: number;
  provider: string;
  roomConnectionId: string;
};

/**
 * POST /rooms/{token} `join`. The capacity check and the insert are one transaction holding
 * the room's row lock (PostgreSQL `FOR UPDATE`; SQLite runs one writer at a time), so
 * concurrent joins never overfill a room.
 */
export async function joinRoom(token: string, caller: Caller, body: unknown): Promise<JoinResult> {
  const room = await findLiveRoom(token);
  const input = validate(joinInput, body, "body");
  const isOwner = isRoomOwner(caller, room);
  const who = await joinerIdentity(caller);
  const { provider, sessionId } = await ensureMediaSession(room);
  const { participantTtlSec, extendTtlHours } = limits.rooms;

  // One transaction, five statements: the room (locked on PostgreSQL), its participants, the
  // insert or update, the room's touch (lib/db/statements.ts).
  const joined = await (await sql()).transaction(async (tx) => {
    // Read after the lock: a join that queued must not stamp the room with an older ctime.
    const now = clock.nowSec();
    const current = await tx.one(roomSql.forJoin, token);
    if (!current || current.expiresAt <= now) throw errors.tokenNotFound();
    // The live participants, plus the caller's own row even if expired (it is reused).
    const rows = (await tx.many(participantSql.liveOrMine, token, now, who.userMac)).map((p) => ({ ...p, owner: !!p.owner }));
    const existing = who.userMac ? (rows.find((p) => p.userMac === who.userMac) ?? null) : null;
    const others = rows.filter((p) => p !== existing && p.expiresAt > now);
    checkCapacity(current, others, { isOwner, clientMaxSize: input.clientMaxSize });

    const roomConnectionId = existing?.id ?? randomUUID();
    const sessionToken = provider.createToken(sessionId, {
      role: isOwner ? "moderator" : "publisher",
      subject: roomConnectionId,
      expireSec: MEDIA_TOKEN_TTL_SEC,
      data: JSON.stringify({ name: input.displayName, kind: "room", ref: token }),
    });
    const tokenHash = participantTokenHash(sessionToken);
    const row = {
      tokenHash,
      displayName: input.displayName,
      clientMaxSize: input.clientMaxSize,
      account: who.account ? encryptAccountName(token, who.account) : null,
      owner: isOwner,
      expiresAt: now + participantTtlSec,
    };
    const joinedAt = existing && existing.expiresAt > now ? existing.joinedAt : now;
    if (existing) {
      await tx.run(participantSql.rejoin, existing.id, tokenHash, row.displayName, row.clientMaxSize, row.account, row.owner, joinedAt, row.expiresAt);
    } else {
      // A new guest is known by its token: the same HMAC the Basic credential resolves to.
      await tx.run(participantSql.insert, roomConnectionId, token, who.userMac ?? tokenHash, tokenHash, row.displayName, row.clientMaxSize, row.account, row.owner, now, row.expiresAt);
    }
    await tx.run(roomSql.touch, token, now, now + extendTtlHours * 3600);
    // What the owner's dashboard shows for the room now (same order as GET /rooms/{token}).
    const present = [...others, { id: roomConnectionId, joinedAt, ...row }];
    present.sort((a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const details: RoomEventDetails = {
      participants: present.map((p) => ({
        roomConnectionId: p.id,
        displayName: p.displayName,
        account: decryptAccountName(token, p.account),
        owner: p.owner,
      })),
      expiresAt: now + extendTtlHours * 3600,
      clientMaxSize: present.reduce((m, p) => Math.min(m, p.clientMaxSize), current.maxSize),
    };
    return { sessionToken, roomConnectionId, now, details };
  });

  notifyOwner(room.ownerMac, token, "join", joined.now, joined.details);
  return {
    apiKey: provider.apiKey,
    sessionId,
    sessionToken: joined.sessionToken,
    expires: participantTtlSec,
    provider: provider.name,
    roomConnectionId: joined.roomConnectionId,
  };
}
