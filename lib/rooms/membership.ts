import { clock } from "../clock";
import { db } from "../db";
import { registerMembership, registerStreamWatcher } from "../video/membership";
import { watchRoom } from "./live";

/**
 * Rooms vouch for the p2p signaling relay: a token names a room (`ref`) and a
 * roomConnectionId (`sub`); it may signal while that participation is current.
 */
export async function isRoomParticipant(roomToken: string, roomConnectionId: string): Promise<boolean> {
  const now = clock.nowSec();
  const p = await db().participant.findFirst({
    where: { id: roomConnectionId, roomToken, expiresAt: { gt: now }, room: { expiresAt: { gt: now } } },
    select: { id: true },
  });
  return p !== null;
}

export function registerRoomMembership() {
  registerMembership("room", isRoomParticipant);
  registerStreamWatcher("room", (roomToken, _sub, send, close) => watchRoom(roomToken, send, close));
}
