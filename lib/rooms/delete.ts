import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import { db, type Tx } from "../db";
import { errors } from "../http/errors";
import { publishRoomsClosed } from "./live";
import { notifyOwner, notifyOwnerOfRooms } from "./notify";
import { findLiveRoom, isRoomOwner } from "./queries";
import { limits } from "../protocol";

/**
 * Deleting rooms (ref §2.6): the room and its participants go at once, and a tombstone stays
 * `rooms.deletedTtlSec` (27 min) so `GET /rooms?version=` can tell the owner's other devices.
 */

/** Deletes what is still there and leaves tombstones; returns the tokens actually deleted. */
async function removeRooms(tx: Tx, ownerMac: string, tokens: string[], now: number) {
  const live = await tx.room.findMany({
    where: { token: { in: tokens }, ownerMac, expiresAt: { gt: now } },
    select: { token: true },
  });
  const gone = live.map((r) => r.token);
  if (gone.length === 0) return gone;
  await tx.room.deleteMany({ where: { token: { in: gone } } });
  const expiresAt = now + limits.rooms.deletedTtlSec;
  for (const token of gone) {
    await tx.roomTombstone.upsert({
      where: { token },
      create: { token, ownerMac, deletedAt: now, expiresAt },
      update: { deletedAt: now, expiresAt },
    });
  }
  return gone;
}

/** DELETE /rooms/{token}: owner only (403 / 999). */
export async function deleteRoom(token: string, caller: Caller) {
  const room = await findLiveRoom(token);
  if (!isRoomOwner(caller, room)) throw errors.forbidden("Authenticated user is not the owner of this room.");
  const now = clock.nowSec();
  const gone = await db().$transaction((tx) => removeRooms(tx, room.ownerMac, [token], now));
  if (gone.length === 0) throw errors.tokenNotFound();
  notifyOwner(room.ownerMac, token, "deletion", now);
  publishRoomsClosed([token], "deleted");
}

export type BulkDeleteResult = {
  status: 207 | 404;
  body: { responses: Record<string, { code: 200 } | { code: 404; errno: 105; error: string }> };
};

/** PATCH /rooms: deletes the caller's rooms among the tokens; 207 if any was found, else 404. */
export async function bulkDeleteRooms(ownerMac: string, tokens: string[]): Promise<BulkDeleteResult> {
  const now = clock.nowSec();
  const unique = [...new Set(tokens)];
  const gone = new Set(await db().$transaction((tx) => removeRooms(tx, ownerMac, unique, now)));
  const responses: BulkDeleteResult["body"]["responses"] = {};
  for (const t of unique) responses[t] = gone.has(t) ? { code: 200 } : { code: 404, errno: 105, error: "Room not found." };
  notifyOwnerOfRooms(ownerMac, [...gone], "deletion", now);
  publishRoomsClosed([...gone], "deleted");
  return { status: gone.size > 0 ? 207 : 404, body: { responses } };
}
