import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import { db } from "../db";
import { errors } from "../http/errors";
import { publishRoomChanged } from "./live";
import { notifyOwner } from "./notify";
import { findLiveRoom, isRoomOwner } from "./queries";
import type { UpdateRoomInput } from "./validate";

/**
 * PATCH /rooms/{token} (ref §2.6), owner only. Merges the fields sent; a PATCH without
 * `expiresIn` keeps the room's lifetime (contract Δ: the original reset it). Sending a
 * context replaces a legacy plaintext name, and the reverse.
 */
export async function updateRoom(token: string, caller: Caller, input: UpdateRoomInput) {
  const room = await findLiveRoom(token);
  if (!isRoomOwner(caller, room)) throw errors.forbidden("Authenticated user is not the owner of this room.");
  const now = clock.nowSec();
  const data: Record<string, unknown> = { updateTime: now };
  if (input.roomOwner !== undefined) data.roomOwner = input.roomOwner;
  if (input.maxSize !== undefined) data.maxSize = input.maxSize;
  if (input.channel !== undefined) data.channel = input.channel;
  if (input.context !== undefined) Object.assign(data, { context: JSON.stringify(input.context), roomName: null });
  if (input.roomName !== undefined) Object.assign(data, { roomName: input.roomName, context: null });
  if (input.expiresIn !== undefined) Object.assign(data, { expiresIn: input.expiresIn, expiresAt: now + input.expiresIn * 3600 });
  // Guarded by expiry so a room that expires meanwhile is not brought back.
  const { count } = await db().room.updateMany({ where: { token, expiresAt: { gt: now } }, data });
  if (count === 0) throw errors.tokenNotFound();
  notifyOwner(room.ownerMac, token, "modification", now);
  // Everyone in the room (and on its pre-join screen) sees the new name; the context stays encrypted.
  const contextChanged = input.context !== undefined || input.roomName !== undefined || input.roomOwner !== undefined;
  if (contextChanged || input.expiresIn !== undefined) {
    const row = await db().room.findUnique({ where: { token } });
    if (row) publishRoomChanged(row, { context: contextChanged, expiresAt: input.expiresIn !== undefined });
  }
  return { expiresAt: (data.expiresAt as number | undefined) ?? room.expiresAt };
}
