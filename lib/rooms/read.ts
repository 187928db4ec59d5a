import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import { db } from "../db";
import { errors } from "../http/errors";
import { findCallerParticipant, findLiveRoom, isRoomOwner, liveParticipants } from "./queries";
import { fullRoomInfo, publicRoomInfo } from "./room-info";

// Ties (same second) by id: the same order as the participants in a join's live event.
const participantOrder: { joinedAt?: "asc"; id?: "asc" }[] = [{ joinedAt: "asc" }, { id: "asc" }];

/**
 * GET /rooms/{token}: the public subset without credentials; with credentials the caller must
 * be the owner or a current participant, and gets the full room info. Otherwise a signed-in
 * web user gets the public subset like anyone holding the link (contract §2 Δ: being signed
 * in never makes a link harder to use); a Hawk session or a guest of another room keeps the
 * reference's 403 / 999.
 */
export async function getRoom(token: string, caller: Caller) {
  const room = await findLiveRoom(token);
  if (caller.kind === "anonymous") return publicRoomInfo(room);
  const owner = isRoomOwner(caller, room);
  if (!owner && !(await findCallerParticipant(caller, token))) {
    if (caller.kind === "web") return publicRoomInfo(room);
    throw errors.forbidden("Authenticated user is neither a participant of the room nor the room owner.");
  }
  const participants = await db().participant.findMany({ where: { roomToken: token, ...liveParticipants() }, orderBy: participantOrder });
  return fullRoomInfo(room, participants, owner);
}

/**
 * GET /rooms?version=N: the owner's rooms changed at or after N (all without N), sorted by
 * update time; with N > 0 also `{roomToken, deleted: true}` for rooms gone since N.
 */
export async function listRooms(ownerMac: string, version?: number) {
  const now = clock.nowSec();
  const since = version ?? 0;
  const [rooms, tombstones] = await Promise.all([
    db().room.findMany({
      where: { ownerMac, expiresAt: { gt: now }, ...(since > 0 ? { updateTime: { gte: since } } : {}) },
      orderBy: [{ updateTime: "asc" }, { creationTime: "asc" }],
      include: { participants: { where: { expiresAt: { gt: now } }, orderBy: participantOrder } },
    }),
    since > 0
      ? db().roomTombstone.findMany({
          where: { ownerMac, deletedAt: { gte: since }, expiresAt: { gt: now } },
          orderBy: { deletedAt: "asc" },
          select: { token: true },
        })
      : Promise.resolve([]),
  ]);
  return [
    ...rooms.map((r) => fullRoomInfo(r, r.participants, true)),
    ...tombstones.map((t) => ({ roomToken: t.token, deleted: true as const })),
  ];
}
