/**
 * The owner's per-account key, kept in this browser only (contract §7). Each room has its own
 * AES-GCM 128 key (it travels in the link's #fragment); the server stores that room key
 * *wrapped* with this account key, so the dashboard can show room names without the server
 * ever seeing them. Another browser has no account key: its rooms show as locked until the
 * owner pastes the room's link there, which this module remembers locally.
 *
 * Formats follow the original client (ref §5.2): keys as the JWK `k` value (base64url, 22
 * chars); ciphertext as base64(IV(12) ‖ ciphertext+tag), both by ./room-crypto.
 */
import { decryptText, encryptText, generateRoomKey, isRoomKey } from "../room/room-crypto";

const ownerKeyName = (userId: string) => `loop.owner-key.v1.${userId}`;
const roomKeysName = (userId: string) => `loop.room-keys.v1.${userId}`;

/** The account key has the same shape as a room key: an AES-GCM 128 key as its JWK `k`. */
export const isKeyString = isRoomKey;

/** This browser's account key for `userId`, created on first use. */
export async function ownerKey(userId: string): Promise<string> {
  const stored = localStorage.getItem(ownerKeyName(userId));
  if (stored && isKeyString(stored)) return stored;
  const k = await generateRoomKey();
  localStorage.setItem(ownerKeyName(userId), k);
  return k;
}

export function hasOwnerKey(userId: string) {
  return !!localStorage.getItem(ownerKeyName(userId));
}

/** Moves the account key to another browser (Account page): the same key unlocks every room. */
export function exportOwnerKey(userId: string): string | null {
  return localStorage.getItem(ownerKeyName(userId));
}

export function importOwnerKey(userId: string, k: string) {
  if (!isKeyString(k.trim())) throw new Error("That is not a Loop account key.");
  localStorage.setItem(ownerKeyName(userId), k.trim());
}

export async function wrapRoomKey(userId: string, roomKey: string): Promise<string> {
  return encryptText(await ownerKey(userId), roomKey);
}

/** The room key, or null when this browser's account key did not wrap it. */
export async function unwrapRoomKey(userId: string, wrappedKey: string): Promise<string | null> {
  const k = localStorage.getItem(ownerKeyName(userId));
  if (!k || !wrappedKey) return null;
  try {
    const roomKey = await decryptText(k, wrappedKey);
    return isKeyString(roomKey) ? roomKey : null;
  } catch {
    return null;
  }
}

/** Room keys learnt from pasted links (rooms created in another browser). */
export function rememberedRoomKey(userId: string, token: string): string | null {
  return readRoomKeys(userId)[token] ?? null;
}

export function rememberRoomKey(userId: string, token: string, key: string) {
  const all = readRoomKeys(userId);
  all[token] = key;
  localStorage.setItem(roomKeysName(userId), JSON.stringify(all));
}

export function forgetRoomKeys(userId: string, tokens: string[]) {
  const all = readRoomKeys(userId);
  let changed = false;
  for (const t of tokens) if (t in all) {
    delete all[t];
    changed = true;
  }
  if (changed) localStorage.setItem(roomKeysName(userId), JSON.stringify(all));
}

function readRoomKeys(userId: string): Record<string, string> {
  try {
    const v = JSON.parse(localStorage.getItem(roomKeysName(userId)) ?? "{}");
    return v && typeof v === "object" ? v : {};
  } catch {
    return {};
  }
}

/** `https://host/<token>#<key>` (or just the part after the host) → token and key. */
export function parseRoomLink(link: string): { token: string; key: string } | null {
  const m = link.trim().match(/(?:^|\/)([A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{11})#([A-Za-z0-9_-]{22})\s*$/);
  return m ? { token: m[1], key: m[2] } : null;
}
