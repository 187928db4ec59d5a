import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptRoomContext,
  decryptText,
  encryptRoomContext,
  encryptText,
  generateRoomKey,
  isRoomKey,
  roomKeyFromHash,
} from "@/lib/client/room/room-crypto";
import { resolveRoomInfo } from "@/lib/client/room/room-info";

// An independent implementation of the original Loop format (ref §5.2) with node:crypto:
// key = base64url JWK `k` (16 bytes), ciphertext = base64(IV(12) ‖ ciphertext ‖ tag(16)).
function nodeEncrypt(k: string, plain: string) {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-128-gcm", Buffer.from(k, "base64url"), iv);
  const ct = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return Buffer.concat([iv, ct, c.getAuthTag()]).toString("base64");
}
function nodeDecrypt(k: string, b64: string) {
  const all = Buffer.from(b64, "base64");
  const d = createDecipheriv("aes-128-gcm", Buffer.from(k, "base64url"), all.subarray(0, 12));
  d.setAuthTag(all.subarray(all.length - 16));
  return Buffer.concat([d.update(all.subarray(12, all.length - 16)), d.final()]).toString("utf8");
}

describe("room context crypto (AES-GCM 128, key in the link fragment)", () => {
  it("generates 22-character base64url keys of 128 bits, different each time", async () => {
    const a = await generateRoomKey();
    const b = await generateRoomKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(a, "base64url")).toHaveLength(16);
    expect(a).not.toBe(b);
    expect(isRoomKey(a)).toBe(true);
    expect(isRoomKey("short")).toBe(false);
  });

  it("round-trips and uses a fresh IV for every encryption", async () => {
    const k = await generateRoomKey();
    const x = await encryptText(k, "Ünïcödé ✓ room");
    const y = await encryptText(k, "Ünïcödé ✓ room");
    expect(x).not.toBe(y);
    expect(Buffer.from(x, "base64").subarray(0, 12)).not.toEqual(Buffer.from(y, "base64").subarray(0, 12));
    expect(await decryptText(k, x)).toBe("Ünïcödé ✓ room");
  });

  it("is byte-compatible with the original format in both directions", async () => {
    const k = await generateRoomKey();
    const ours = await encryptText(k, '{"roomName":"Friday"}');
    expect(Buffer.from(ours, "base64")).toHaveLength(12 + 21 + 16);
    expect(nodeDecrypt(k, ours)).toBe('{"roomName":"Friday"}');
    expect(await decryptText(k, nodeEncrypt(k, "from elsewhere"))).toBe("from elsewhere");
  });

  it("encrypts a context object the server stores as {value, alg, wrappedKey}", async () => {
    const k = await generateRoomKey();
    const ctx = await encryptRoomContext(k, { roomName: "Book club", description: "Chapter 3" }, "wrapped");
    expect(ctx.alg).toBe("AES-GCM");
    expect(ctx.wrappedKey).toBe("wrapped");
    expect(JSON.parse(nodeDecrypt(k, ctx.value))).toEqual({ roomName: "Book club", description: "Chapter 3" });
    expect(await decryptRoomContext(ctx, k)).toEqual({ ok: true, context: { roomName: "Book club", description: "Chapter 3" } });
  });

  it("reports a wrong key, a missing key, a damaged ciphertext and no data as reasons, never throws", async () => {
    const k = await generateRoomKey();
    const other = await generateRoomKey();
    const ctx = await encryptRoomContext(k, { roomName: "Secret" }, "w");
    expect(await decryptRoomContext(ctx, other)).toEqual({ ok: false, failure: "decrypt_failed" });
    expect(await decryptRoomContext(ctx, null)).toEqual({ ok: false, failure: "no_crypto_key" });
    expect(await decryptRoomContext(ctx, "not-a-key")).toEqual({ ok: false, failure: "decrypt_failed" });
    const tampered = Buffer.from(ctx.value, "base64");
    tampered[20] ^= 1;
    expect(await decryptRoomContext({ value: tampered.toString("base64") }, k)).toEqual({ ok: false, failure: "decrypt_failed" });
    expect(await decryptRoomContext({ value: "%%%" }, k)).toEqual({ ok: false, failure: "decrypt_failed" });
    expect(await decryptRoomContext(null, k)).toEqual({ ok: false, failure: "no_data" });
  });

  it("keeps only well-typed context fields (the decrypted JSON is untrusted)", async () => {
    const k = await generateRoomKey();
    const value = nodeEncrypt(
      k,
      JSON.stringify({ roomName: 42, description: "d", urls: [{ location: "https://x.test", thumbnail: 7 }, { nope: 1 }], extra: "<b>" }),
    );
    expect(await decryptRoomContext({ value }, k)).toEqual({ ok: true, context: { description: "d", urls: [{ location: "https://x.test" }] } });
  });

  it("reads the key from the fragment: everything after #", () => {
    expect(roomKeyFromHash("#abcDEF_-123")).toBe("abcDEF_-123");
    expect(roomKeyFromHash("")).toBeNull();
    expect(roomKeyFromHash("#")).toBeNull();
    expect(roomKeyFromHash("#a%2Db")).toBe("a-b");
  });
});

describe("what the guest page shows about a room", () => {
  it("decrypts name, description and the first web URL; the owner's name as given", async () => {
    const k = await generateRoomKey();
    const context = await encryptRoomContext(
      k,
      { roomName: " Design review ", description: "Q3", urls: [{ location: "javascript:alert(1)" }, { location: "https://example.org/doc" }] },
      "w",
    );
    const info = await resolveRoomInfo({ roomToken: "t", context, roomOwner: "Ada" }, k);
    expect(info).toEqual({
      roomName: "Design review",
      description: "Q3",
      url: { location: "https://example.org/doc" },
      owner: "Ada",
      keyProblem: null,
    });
  });

  it("shows a legacy plaintext roomName as is, and the original's '-' owner as no owner", async () => {
    const info = await resolveRoomInfo({ roomToken: "t", roomName: "Old room", context: null, roomOwner: "-" }, null);
    expect(info).toMatchObject({ roomName: "Old room", owner: null, keyProblem: null });
  });

  it("a wrong or missing key is a problem to mention, not a failure", async () => {
    const k = await generateRoomKey();
    const context = await encryptRoomContext(k, { roomName: "Hidden" }, "w");
    expect(await resolveRoomInfo({ roomToken: "t", context }, await generateRoomKey())).toMatchObject({
      roomName: null,
      keyProblem: "decrypt_failed",
    });
    expect(await resolveRoomInfo({ roomToken: "t", context }, null)).toMatchObject({ roomName: null, keyProblem: "no_crypto_key" });
  });
});
