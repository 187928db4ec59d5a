import { callerMac, type Caller } from "../auth/caller";
import { clock } from "../clock";
import { sql } from "../db";
import { participants, rooms } from "../db/statements";
import { errors } from "../http/errors";
import { ROOM_TOKEN } from "./validate";

/**
 * Reads shared by the room rules. Expired rows are filtered by time in every read, so they
 * vanish from every answer the moment they expire, whether or not the sweeper has run.
 */

export const liveParticipants = () => ({ expiresAt: { gt: clock.nowSec() } });

/** The room, unexpired, or 404 / 105. */
export async function findLiveRoom(token: string) {
  if (!ROOM_TOKEN.test(token)) throw errors.tokenNotFound();
  const room = await (await sql()).one(rooms.byToken, token);
  if (!room || room.expiresAt <= clock.nowSec()) throw errors.tokenNotFound();
  return room;
}

/** Hawk and web callers act as their user; a guest as its participation. */
export function isRoomOwner(caller: Caller, room: { ownerMac: string }) {
  return (caller.kind === "hawk" || caller.kind === "web") && caller.userMac === room.ownerMac;
}

/** The caller's current participation in this room, or null. */
export async function findCallerParticipant(caller: Caller, roomToken: string) {
  if (caller.kind === "guest") {
    if (caller.roomToken !== roomToken) return null;
    return (await (await sql()).one(participants.liveById, caller.participantId, roomToken, clock.nowSec())) ?? null;
  }
  const mac = callerMac(caller);
  if (!mac) return null;
  return (await (await sql()).one(participants.liveByUser, roomToken, mac, clock.nowSec())) ?? null;
}

/** The user behind a Hawk or web caller (routes that require one have checked already). */
export function userMacOf(caller: Caller): string {
  if (caller.kind !== "hawk" && caller.kind !== "web") throw errors.unauthorized();
  return caller.userMac;
}

/** Actions other than join need credentials (bug 1094998): 401 / 110 "Token,Hawk". */
export function requireIdentified(caller: Caller) {
  if (caller.kind === "anonymous") throw errors.unauthorized("Unauthorized", "Token,Hawk");
}
