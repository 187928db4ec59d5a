import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import { sql } from "../db";
import { participants as participantSql, rooms as roomSql, type ParticipantRecord } from "../db/statements";
import { errors } from "../http/errors";
import { findCallerParticipant, findLiveRoom, isRoomOwner } from "./queries";
import { fullRoomInfo, publicRoomInfo, type ParticipantRow } from "./room-info";

// Participants come ordered by joinedAt, ties (same second) by id: the same order as the
// participants in a join's live event (lib/db/statements.ts).
const asRow = (p: ParticipantRecord): ParticipantRow => ({ ...p, owner: !!p.owner });

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
  const participants = await (await sql()).many(participantSql.liveOfRoom, token, clock.nowSec());
  return fullRoomInfo(room, participants.map(asRow), owner);
}

/**
 * GET /rooms?version=N: the owner's rooms changed at or after N (all without N), sorted by
 * update time; with N > 0 also `{roomToken, deleted: true}` for rooms gone since N.
 */
export async function listRooms(ownerMac: string, version?: number) {
  const now = clock.nowSec();
  const since = version ?? 0;
  const q = await sql();
  const [rooms, participants, tombstones] = await Promise.all([
    q.many(roomSql.ofOwner, ownerMac, now, since),
    q.many(participantSql.liveOfOwnerRooms, ownerMac, now, since),
    since > 0 ? q.many(roomSql.tombstonesOfOwner, ownerMac, since, now) : Promise.resolve([]),
  ]);
  const byRoom = new Map<string, ParticipantRow[]>();
  for (const p of participants) {
    const list = byRoom.get(p.roomToken);
    if (list) list.push(asRow(p));
    else byRoom.set(p.roomToken, [asRow(p)]);
  }
  return [
    ...rooms.map((r) => fullRoomInfo(r, byRoom.get(r.token) ?? [], true)),
    ...tombstones.map((t) => ({ roomToken: t.token, deleted: true as const })),
  ];
}
