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

/** The room's participants as `GET /rooms/{token}` lists them, in a join's event. */
export type EventParticipant = { roomConnectionId: string; displayName: string; owner: boolean; account?: string };

/**
 * `participants`/`expiresAt`/`clientMaxSize` (on "join"): what the dashboard's room card shows,
 * so a browser can show the arrival without asking for the room again.
 */
export type RoomEvent = {
  type: "room";
  roomToken: string;
  reason: RoomChange;
  version: number;
  participants?: EventParticipant[];
  expiresAt?: number;
  clientMaxSize?: number;
};
export type RoomEventDetails = Pick<RoomEvent, "participants" | "expiresAt" | "clientMaxSize">;

export function notifyOwner(ownerMac: string, roomToken: string, reason: RoomChange, version: number, details?: RoomEventDetails) {
  if (details) {
    notifyUserLater(ownerMac, "rooms", version);
    const event: RoomEvent = { type: "room", roomToken, reason, version, ...details };
    void publish(`user:${ownerMac}`, event).catch((e) => log.warn("rooms.event_failed", { reason, error: (e as Error).message }));
    return;
  }
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
