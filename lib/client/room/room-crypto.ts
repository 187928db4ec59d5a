/**
 * Room context encryption, compatible with the original Loop clients (ref §5.2, contract §7):
 * AES-GCM with a 128-bit key, a 12-byte random IV per encryption and a 128-bit tag, through
 * WebCrypto. The key travels as its JWK `k` value (base64url, no padding: 22 characters) in
 * the room link's #fragment, which browsers never send to a server; ciphertexts are
 * base64(IV ‖ ciphertext+tag). Runs in browsers and in Node (globalThis.crypto.subtle).
 *
 * The owner app imports the encrypting half; the guest page only decrypts.
 */

export type RoomContextUrl = { location: string; description?: string; thumbnail?: string };
export type RoomContext = { roomName?: string; description?: string; urls?: RoomContextUrl[] };
/** What the server stores for a room: never decrypted there. */
export type EncryptedContext = { value: string; alg: "AES-GCM"; wrappedKey: string };

/** Why a room's context could not be shown (the original's ROOM_INFO_FAILURES). */
export type ContextFailure = "no_data" | "web_crypto_unsupported" | "no_crypto_key" | "decrypt_failed";

const ALG = "AES-GCM";
const IV_BYTES = 12;
const KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/;

function subtle(): SubtleCrypto | undefined {
  return globalThis.crypto?.subtle;
}

export function webCryptoAvailable() {
  return !!subtle();
}

/** A new random room key, as the 22-character string that goes after `#` in the room link. */
export async function generateRoomKey(): Promise<string> {
  const key = await subtle()!.generateKey({ name: ALG, length: 128 }, true, ["encrypt", "decrypt"]);
  const jwk = await subtle()!.exportKey("jwk", key);
  return jwk.k!;
}

/** Whether a string has the shape of a room key (it may still be the wrong key). */
export function isRoomKey(key: string) {
  return KEY_PATTERN.test(key);
}

async function importKey(k: string): Promise<CryptoKey> {
  return subtle()!.importKey("jwk", { kty: "oct", k, alg: "A128GCM", ext: true }, { name: ALG }, false, [
    "encrypt",
    "decrypt",
  ]);
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  // Chunked so a large context does not overflow the argument list.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Encrypts a string with a room key: base64(IV ‖ ciphertext+tag). */
export async function encryptText(roomKey: string, plaintext: string): Promise<string> {
  const key = await importKey(roomKey);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = new Uint8Array(
    await subtle()!.encrypt({ name: ALG, iv, tagLength: 128 }, key, new TextEncoder().encode(plaintext)),
  );
  const out = new Uint8Array(iv.length + ct.length);
  out.set(iv);
  out.set(ct, iv.length);
  return toBase64(out);
}

/** Decrypts what encryptText produced; throws on a wrong key or a damaged ciphertext. */
export async function decryptText(roomKey: string, ciphertext: string): Promise<string> {
  const key = await importKey(roomKey);
  const bytes = fromBase64(ciphertext);
  if (bytes.length <= IV_BYTES + 16) throw new Error("ciphertext too short");
  const plain = await subtle()!.decrypt(
    { name: ALG, iv: bytes.subarray(0, IV_BYTES), tagLength: 128 },
    key,
    bytes.subarray(IV_BYTES),
  );
  return new TextDecoder().decode(plain);
}

/** The `context` object to send to the server for a room (the owner app uses this). */
export async function encryptRoomContext(
  roomKey: string,
  context: RoomContext,
  wrappedKey: string,
): Promise<EncryptedContext> {
  return { value: await encryptText(roomKey, JSON.stringify(context)), alg: ALG, wrappedKey };
}

/** Keeps only the fields a room context may have, with the types they must have. */
export function sanitizeContext(raw: unknown): RoomContext {
  const out: RoomContext = {};
  if (!raw || typeof raw !== "object") return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.roomName === "string") out.roomName = r.roomName;
  if (typeof r.description === "string") out.description = r.description;
  if (Array.isArray(r.urls)) {
    const urls = r.urls
      .filter((u): u is Record<string, unknown> => !!u && typeof u === "object" && typeof (u as { location?: unknown }).location === "string")
      .map((u) => ({
        location: u.location as string,
        ...(typeof u.description === "string" ? { description: u.description } : {}),
        ...(typeof u.thumbnail === "string" ? { thumbnail: u.thumbnail } : {}),
      }));
    if (urls.length) out.urls = urls;
  }
  return out;
}

export type DecryptResult = { ok: true; context: RoomContext } | { ok: false; failure: ContextFailure };

/** Decrypts a room's stored context with the key from the link; failures are reasons, not throws. */
export async function decryptRoomContext(
  context: { value?: unknown } | null | undefined,
  roomKey: string | null | undefined,
): Promise<DecryptResult> {
  if (!context || typeof context.value !== "string" || !context.value) return { ok: false, failure: "no_data" };
  if (!webCryptoAvailable()) return { ok: false, failure: "web_crypto_unsupported" };
  if (!roomKey) return { ok: false, failure: "no_crypto_key" };
  try {
    return { ok: true, context: sanitizeContext(JSON.parse(await decryptText(roomKey, context.value))) };
  } catch {
    return { ok: false, failure: "decrypt_failed" };
  }
}

/** The room key in a link's fragment: everything after `#` (ref §5.2), or null. */
export function roomKeyFromHash(hash: string): string | null {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
