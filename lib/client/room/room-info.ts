import { type ContextFailure, decryptRoomContext, type RoomContextUrl } from "./room-crypto";

/** GET /rooms/{token} without credentials: the public subset (ref §2.6). */
export type PublicRoom = {
  roomToken: string;
  roomName?: string | null;
  context?: { value: string; alg: string; wrappedKey?: string } | null;
  roomOwner?: string | null;
  roomUrl?: string;
};

/** What the guest page shows about a room before joining. */
export type RoomInfo = {
  roomName: string | null;
  description: string | null;
  url: RoomContextUrl | null;
  owner: string | null;
  /** Set when the room has an encrypted context the page could not read (never blocks joining). */
  keyProblem: Exclude<ContextFailure, "no_data"> | null;
};

// The original desktop client sent "-" when the owner had no name.
const NO_OWNER = new Set(["", "-"]);

/**
 * Public room data + the link's key → what to show. Legacy rooms carry a plaintext `roomName`
 * and no context: shown as is (ref §5.2).
 */
export async function resolveRoomInfo(room: PublicRoom, roomKey: string | null): Promise<RoomInfo> {
  const owner = room.roomOwner && !NO_OWNER.has(room.roomOwner.trim()) ? room.roomOwner.trim() : null;
  const base: RoomInfo = { roomName: null, description: null, url: null, owner, keyProblem: null };
  if (!room.context) return { ...base, roomName: room.roomName?.trim() || null };
  const r = await decryptRoomContext(room.context, roomKey);
  if (!r.ok) return r.failure === "no_data" ? base : { ...base, keyProblem: r.failure };
  const url = r.context.urls?.find((u) => isWebUrl(u.location)) ?? null;
  return {
    ...base,
    roomName: r.context.roomName?.trim() || null,
    description: r.context.description?.trim() || null,
    url,
  };
}

/** Only http(s) links are ever made clickable: a context URL is attacker-controlled text. */
export function isWebUrl(s: string) {
  try {
    const u = new URL(s);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}
