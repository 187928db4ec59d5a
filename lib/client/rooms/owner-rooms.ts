import { api } from "../owner-api";
import { rememberedRoomKey, unwrapRoomKey, wrapRoomKey } from "./owner-keys";
import { decryptRoomContext, encryptRoomContext, generateRoomKey, type RoomContext } from "../room/room-crypto";
import { t } from "@/lib/i18n";

/**
 * Rooms as the owner's dashboard sees them: the API's room info (ref §2.6) plus what only
 * this browser can know, the decrypted name/description/link and the room key for the link.
 */
export type Participant = { roomConnectionId: string; displayName: string; owner: boolean; account?: string };

export type RoomInfo = {
  roomToken: string;
  roomUrl: string;
  roomName?: string | null;
  context?: { value: string; alg: string; wrappedKey: string } | null;
  roomOwner: string;
  maxSize: number;
  clientMaxSize?: number;
  creationTime: number;
  expiresAt: number;
  ctime: number;
  participants: Participant[];
};

/** The decrypted room context (ref §5.2). */
export type RoomDetails = RoomContext & { roomName: string };

export type RoomView = RoomInfo & {
  /** "open": name known; "locked": encrypted with a key this browser does not have. */
  lock: "open" | "locked";
  details: RoomDetails | null;
  /** the #fragment of the room link, when known */
  roomKey: string | null;
};

export async function viewRoom(userId: string, info: RoomInfo): Promise<RoomView> {
  if (!info.context) {
    // A legacy room with a plaintext name (e.g. made by a desktop client with roomName).
    return { ...info, lock: "open", details: { roomName: info.roomName ?? "" }, roomKey: null };
  }
  const roomKey = (await unwrapRoomKey(userId, info.context.wrappedKey)) ?? rememberedRoomKey(userId, info.roomToken);
  const details = roomKey ? await openContext(roomKey, info.context.value) : null;
  return details ? { ...info, lock: "open", details, roomKey } : { ...info, lock: "locked", details: null, roomKey: null };
}

export async function openContext(roomKey: string, value: string): Promise<RoomDetails | null> {
  const r = await decryptRoomContext({ value }, roomKey);
  return r.ok ? { ...r.context, roomName: r.context.roomName ?? "" } : null;
}

export function roomLink(room: Pick<RoomView, "roomUrl" | "roomKey">) {
  return room.roomKey ? `${room.roomUrl}#${room.roomKey}` : room.roomUrl;
}

export function roomTitle(room: RoomView, lockedLabel: string) {
  return room.lock === "locked" ? lockedLabel : room.details?.roomName || t("owner.rooms.untitled");
}

async function sealContext(userId: string, roomKey: string, details: RoomDetails, wrappedKey?: string) {
  return encryptRoomContext(roomKey, details, wrappedKey ?? (await wrapRoomKey(userId, roomKey)));
}

export function detailsFrom(input: { name: string; description?: string; url?: string }): RoomDetails {
  const d: RoomDetails = { roomName: input.name.trim() };
  if (input.description?.trim()) d.description = input.description.trim();
  if (input.url?.trim()) d.urls = [{ location: input.url.trim(), description: "", thumbnail: "" }];
  return d;
}

/** Creates an end-to-end encrypted room: the key is made here and only its wrapped form is sent. */
export async function createRoom(
  userId: string,
  input: { name: string; description?: string; url?: string; maxSize: number; expiresIn: number; roomOwner: string },
) {
  const roomKey = await generateRoomKey();
  const context = await sealContext(userId, roomKey, detailsFrom(input));
  const created = await api<{ roomToken: string; roomUrl: string; expiresAt: number }>("POST", "/rooms", {
    context,
    roomOwner: input.roomOwner,
    maxSize: input.maxSize,
    expiresIn: input.expiresIn,
  });
  return { ...created, roomKey, link: `${created.roomUrl}#${roomKey}` };
}

/** Re-encrypts the details with the room's own key, so the link already shared keeps working. */
export async function updateRoomDetails(userId: string, room: RoomView, details: RoomDetails) {
  if (!room.roomKey) throw new Error("locked");
  // A room unlocked here by its link was wrapped by another browser's account key: keep that
  // wrapping, or the browser that made the room would lose it.
  const ours = room.context?.wrappedKey ? await unwrapRoomKey(userId, room.context.wrappedKey) : null;
  const context = await sealContext(userId, room.roomKey, details, ours || !room.context ? undefined : room.context.wrappedKey);
  return api<{ expiresAt: number }>("PATCH", `/rooms/${room.roomToken}`, { context });
}

export async function changeRoomExpiry(token: string, expiresInHours: number) {
  return api<{ expiresAt: number }>("PATCH", `/rooms/${token}`, { expiresIn: expiresInHours });
}

export async function deleteRoom(token: string) {
  await api("DELETE", `/rooms/${token}`);
}

/** Bulk delete (PATCH /rooms): answers per token; 207 when some were found. */
export async function deleteRooms(tokens: string[]) {
  return api<{ responses: Record<string, { code: number }> }>("PATCH", "/rooms", { deleteRoomTokens: tokens });
}

export async function listRooms() {
  return api<RoomInfo[]>("GET", "/rooms");
}

export async function getRoom(token: string) {
  return api<RoomInfo>("GET", `/rooms/${token}`);
}
