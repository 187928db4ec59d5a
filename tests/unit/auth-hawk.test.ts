import Hawk from "@hapi/hawk";
import { afterEach, describe, expect, it } from "vitest";
import { createHawkSession, deriveHawkCredentials, hawkIdHmac, verifyHawk } from "@/lib/auth/hawk";
import { sweepExpiredSessions } from "@/lib/accounts/sweep-sessions";
import { manualClock, setClock, systemClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { LoopError } from "@/lib/http/errors";

afterEach(() => setClock(systemClock));

const DAY = 24 * 3600 * 1000;

/** A signed request as the desktop client makes it, at the (injected) current time. */
function signed(token: string, nowSec: number, method = "DELETE", path = "/registration") {
  const credentials = deriveHawkCredentials(token);
  const { header } = Hawk.client.header(`http://loop.test${path}`, method, { credentials, timestamp: nowSec });
  return { method, url: path, host: "loop.test", authorization: header, contentType: "" };
}

describe("Hawk credentials (ref §1.3)", () => {
  it("derives id and key with HKDF-SHA256 exactly as the original (known vector)", () => {
    // Vector computed independently (Python hmac, RFC 5869 by hand): HKDF-SHA256(ikm =
    // hex-decoded token, salt = empty, info = "identity.mozilla.com/picl/v1/sessionToken", L = 64).
    const token = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf";
    expect(deriveHawkCredentials(token)).toEqual({
      id: "c0a29dcf46174973da1378696e4c82ae10f723cf4f4d9f75e39f4ae3851595ab",
      key: "9d8f22998ee7f5798b887042466b72d53e56ab0c094388bf65831f702d2febc0",
      algorithm: "sha256",
    });
  });

  it("stores only an HMAC of the id; neither the token nor the id is in the row", async () => {
    const s = await createHawkSession();
    const { id } = deriveHawkCredentials(s.sessionToken);
    const row = await db().hawkSession.findUniqueOrThrow({ where: { idHmac: hawkIdHmac(id) } });
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(s.sessionToken);
    expect(stored).not.toContain(id);
    expect(row.userMac).toBe(row.idHmac); // anonymous: userMac is the idHmac (ref §1.3)
    expect(row.userId).toBeNull();
  });
});

describe("Hawk verification and session lifetime", () => {
  it("accepts a fresh request; refuses one outside ±60 s of the server clock", async () => {
    const c = manualClock();
    setClock(c);
    const s = await createHawkSession();
    const now = Math.floor(c.nowMs() / 1000);
    await expect(verifyHawk(signed(s.sessionToken, now), "")).resolves.toMatchObject({ idHmac: s.idHmac, userId: null });
    await expect(verifyHawk(signed(s.sessionToken, now - 61), "")).rejects.toMatchObject({ code: 401, errno: 110 });
    await expect(verifyHawk(signed(s.sessionToken, now + 61), "")).rejects.toBeInstanceOf(LoopError);
    await expect(verifyHawk(signed(s.sessionToken, now - 59), "")).resolves.toBeTruthy();
  });

  it("remembers nonces: the same signed request twice → 401", async () => {
    setClock(manualClock());
    const s = await createHawkSession();
    const req = signed(s.sessionToken, Math.floor(Date.UTC(2026, 0, 1) / 1000));
    await verifyHawk(req, "");
    await expect(verifyHawk(req, "")).rejects.toMatchObject({ code: 401 });
  });

  it("touches the session at most once a minute, and each touch extends it 30 days from that use", async () => {
    const c = manualClock();
    setClock(c);
    const s = await createHawkSession();
    const t0 = Math.floor(c.nowMs() / 1000);
    const row = () => db().hawkSession.findUniqueOrThrow({ where: { idHmac: s.idHmac } });
    expect((await row()).expiresAt).toBe(t0 + 30 * 24 * 3600);

    c.advance(30_000);
    await verifyHawk(signed(s.sessionToken, Math.floor(c.nowMs() / 1000)), "");
    expect((await row()).lastUsedAt).toBe(t0); // no write within the minute

    c.advance(31_000);
    await verifyHawk(signed(s.sessionToken, Math.floor(c.nowMs() / 1000)), "");
    const touched = await row();
    expect(touched.lastUsedAt).toBe(t0 + 61);
    expect(touched.expiresAt).toBe(t0 + 61 + 30 * 24 * 3600);
  });

  it("a session used every 29 days lives on; one unused for 30 days is refused and swept with its push URLs", async () => {
    const c = manualClock();
    setClock(c);
    const kept = await createHawkSession();
    const dropped = await createHawkSession();
    await db().pushUrl.create({ data: { userMac: dropped.userMac, sessionHmac: dropped.idHmac, topic: "calls", url: "https://p.example/x", createdAt: 0 } });
    await db().pushUrl.create({ data: { userMac: kept.userMac, sessionHmac: kept.idHmac, topic: "calls", url: "https://p.example/y", createdAt: 0 } });

    c.advance(29 * DAY);
    await verifyHawk(signed(kept.sessionToken, Math.floor(c.nowMs() / 1000)), "");
    c.advance(1 * DAY + 1000);
    await expect(verifyHawk(signed(dropped.sessionToken, Math.floor(c.nowMs() / 1000)), "")).rejects.toMatchObject({ code: 401 });
    c.advance(28 * DAY);
    await expect(verifyHawk(signed(kept.sessionToken, Math.floor(c.nowMs() / 1000)), "")).resolves.toBeTruthy();

    expect(await sweepExpiredSessions()).toBeGreaterThanOrEqual(1);
    expect(await db().hawkSession.findUnique({ where: { idHmac: dropped.idHmac } })).toBeNull();
    expect(await db().pushUrl.count({ where: { sessionHmac: dropped.idHmac } })).toBe(0);
    expect(await db().hawkSession.findUnique({ where: { idHmac: kept.idHmac } })).not.toBeNull();
    expect(await db().pushUrl.count({ where: { sessionHmac: kept.idHmac } })).toBe(1);
  });

  it("checks the payload hash when the client sends one", async () => {
    setClock(manualClock());
    const s = await createHawkSession();
    const now = Math.floor(Date.UTC(2026, 0, 1) / 1000);
    const credentials = deriveHawkCredentials(s.sessionToken);
    const payload = '{"simplePushURL":"https://p.example/a"}';
    const { header } = Hawk.client.header("http://loop.test/registration", "POST", { credentials, timestamp: now, payload, contentType: "application/json" });
    const req = { method: "POST", url: "/registration", host: "loop.test", authorization: header, contentType: "application/json" };
    await expect(verifyHawk(req, payload.replace("/a", "/b"), )).rejects.toMatchObject({ code: 401 });
    const again = Hawk.client.header("http://loop.test/registration", "POST", { credentials, timestamp: now, payload, contentType: "application/json" });
    await expect(verifyHawk({ ...req, authorization: again.header }, payload)).resolves.toBeTruthy();
  });
});
