import { publish } from "../events/bus";
import { log } from "../log";
import { notifyUserLater } from "../push/notifier";

/**
 * Owner notifications (ref §2.6 "notifyOwner", contract §6): every create, change, join,
 * leave, expiry and delete has already bumped the room's ctime; the owner's devices learn the
 * new version by SimplePush (then ask `GET /rooms?version=`) and browsers by a live event on
 * `user:<ownerMac>`. Neither ever delays or fails the request that caused it.
 */
export type RoomChange = "creation" | "modification" | "join" | "leave" | "deletion" | "expiry";

export type RoomEvent = { type: "room"; roomToken: string; reason: RoomChange; version: number };

export function notifyOwner(ownerMac: string, roomToken: string, reason: RoomChange, version: number) {
  notifyOwnerOfRooms(ownerMac, [roomToken], reason, version);
}

/** One wake-up per device for several rooms changed at once (bulk delete, sweeps). */
export function notifyOwnerOfRooms(ownerMac: string, roomTokens: string[], reason: RoomChange, version: number) {
  if (roomTokens.length === 0) return;
  notifyUserLater(ownerMac, "rooms", version);
  for (const roomToken of roomTokens) {
    const event: RoomEvent = { type: "room", roomToken, reason, version };
    void publish(`user:${ownerMac}`, event).catch((e) => log.warn("rooms.event_failed", { reason, error: (e as Error).message }));
  }
}
