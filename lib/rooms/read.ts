import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import { db } from "../db";
import { errors } from "../http/errors";
import { findCallerParticipant, findLiveRoom, isRoomOwner, liveParticipants } from "./queries";
import { fullRoomInfo, publicRoomInfo } from "./room-info";

const participantOrder = { joinedAt: "asc" } as const;

/**
 * GET /rooms/{token}: the public subset without credentials; with credentials the caller must
 * be the owner or a current participant (403 / 999), and gets the full room info.
 */
export async function getRoom(token: string, caller: Caller) {
  const room = await findLiveRoom(token);
  if (caller.kind === "anonymous") return publicRoomInfo(room);
  const owner = isRoomOwner(caller, room);
  if (!owner && !(await findCallerParticipant(caller, token))) {
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
