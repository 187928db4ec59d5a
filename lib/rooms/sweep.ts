import { clock } from "../clock";
import { db, isDue } from "../db";
import { due } from "../db/statements";
import { log } from "../log";
import { publishRoomsClosed } from "./live";
import { notifyOwner, notifyOwnerOfRooms } from "./notify";
import { limits } from "../protocol";

/**
 * Removes what has expired (ref §2.6 "Automatic expiry"): participants 300 s after their
 * last join or refresh (the room is touched and its owner told, as for a leave), rooms at
 * `expiresAt` (a tombstone tells the owner's devices), and old tombstones. Reads already
 * ignore expired rows, so the sweeper only tidies up and notifies; it is safe to run on
 * several instances at once (every delete re-checks expiry and counts what it removed).
 */
const BATCH = 500;

export async function sweepRooms() {
  const now = clock.nowSec();
  const left = (await isDue(due.participants, now)) ? await sweepParticipants(now) : 0;
  const expired = (await isDue(due.rooms, now)) ? await sweepExpiredRooms(now) : 0;
  const tombstones = (await isDue(due.roomTombstones, now))
    ? (await db().roomTombstone.deleteMany({ where: { expiresAt: { lte: now } } })).count
    : 0;
  if (left || expired || tombstones) log.info("rooms.swept", { participants: left, rooms: expired, tombstones });
  return { participants: left, rooms: expired, tombstones };
}

async function sweepParticipants(now: number) {
  const rooms = await db().participant.findMany({
    where: { expiresAt: { lte: now } },
    select: { roomToken: true },
    distinct: ["roomToken"],
    take: BATCH,
  });
  let removed = 0;
  for (const { roomToken } of rooms) {
    const owner = await db().$transaction(async (tx) => {
      const { count } = await tx.participant.deleteMany({ where: { roomToken, expiresAt: { lte: now } } });
      if (count === 0) return null;
      removed += count;
      const touched = await tx.room.updateMany({
        where: { token: roomToken, expiresAt: { gt: now } },
        data: { updateTime: now, expiresAt: now + limits.rooms.extendTtlHours * 3600 },
      });
      if (touched.count === 0) return null;
      return (await tx.room.findUnique({ where: { token: roomToken }, select: { ownerMac: true } }))?.ownerMac ?? null;
    });
    if (owner) notifyOwner(owner, roomToken, "leave", now);
  }
  return removed;
}

async function sweepExpiredRooms(now: number) {
  const rooms = await db().room.findMany({ where: { expiresAt: { lte: now } }, select: { token: true, ownerMac: true }, take: BATCH });
  if (rooms.length === 0) return 0;
  const tombstoneUntil = now + limits.rooms.deletedTtlSec;
  const gone = await db().$transaction(async (tx) => {
    const out: typeof rooms = [];
    for (const r of rooms) {
      const { count } = await tx.room.deleteMany({ where: { token: r.token, expiresAt: { lte: now } } });
      if (count === 0) continue;
      await tx.roomTombstone.upsert({
        where: { token: r.token },
        create: { token: r.token, ownerMac: r.ownerMac, deletedAt: now, expiresAt: tombstoneUntil },
        update: { deletedAt: now, expiresAt: tombstoneUntil },
      });
      out.push(r);
    }
    return out;
  });
  const byOwner = new Map<string, string[]>();
  for (const r of gone) byOwner.set(r.ownerMac, [...(byOwner.get(r.ownerMac) ?? []), r.token]);
  for (const [owner, tokens] of byOwner) notifyOwnerOfRooms(owner, tokens, "expiry", now);
  publishRoomsClosed(gone.map((r) => r.token), "expired");
  return gone.length;
}
