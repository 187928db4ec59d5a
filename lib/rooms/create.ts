import { capReached } from "../limits";
import { clock } from "../clock";
import { config } from "../config";
import { randomToken } from "../crypto";
import { db } from "../db";
import { videoProviderName } from "../video/provider";
import { notifyOwner } from "./notify";
import { roomUrl } from "./room-info";
import type { CreateRoomInput } from "./validate";
import { limits } from "../protocol";

/**
 * POST /rooms (ref §2.6). The media session is not created here but at the first join
 * (./media-session.ts): creating a room then never depends on the video provider, and a room
 * nobody joins costs no provider session.
 */
export async function createRoom(ownerMac: string, input: CreateRoomInput) {
  const now = clock.nowSec();
  const expiresIn = input.expiresIn ?? limits.rooms.defaultTtlHours;
  // ROOMS_MAX_PER_USER live rooms per owner (429 / 116, contract §1 "Limits").
  const cap = config().caps.roomsPerUser;
  if ((await db().room.count({ where: { ownerMac, expiresAt: { gt: now } } })) >= cap) throw capReached("rooms", cap);
  const room = await db().room.create({
    data: {
      token: randomToken(),
      ownerMac,
      roomOwner: input.roomOwner,
      roomName: input.roomName ?? null,
      context: input.context !== undefined ? JSON.stringify(input.context) : null,
      maxSize: input.maxSize,
      expiresIn,
      channel: input.channel ?? null,
      provider: videoProviderName(),
      creationTime: now,
      updateTime: now,
      expiresAt: now + expiresIn * 3600,
    },
  });
  notifyOwner(room.ownerMac, room.token, "creation", room.updateTime);
  return { roomToken: room.token, roomUrl: roomUrl(room.token), expiresAt: room.expiresAt };
}
