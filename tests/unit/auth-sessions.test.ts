import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it } from "vitest";
import { deleteHawkAccount, deleteWebAccount } from "@/lib/accounts/delete-account";
import { pushUrlsFrom, registerDevice, registrationBody } from "@/lib/accounts/registration";
import { endSession, listSessions, mintSessionForUser, revokeSession } from "@/lib/accounts/sessions";
import { createHawkSession, deriveHawkCredentials, hawkIdHmac } from "@/lib/auth/hawk";
import { sessionCookieValue, webUserFromCookie } from "@/lib/auth/web-session";
import { manualClock, setClock, systemClock } from "@/lib/clock";
import { config } from "@/lib/config";
import { userMacFor } from "@/lib/crypto";
import { db } from "@/lib/db";

afterEach(() => setClock(systemClock));

async function makeUser() {
  const email = `u-${randomBytes(5).toString("hex")}@example.test`;
  const u = await db().user.create({ data: { id: randomUUID(), email, userMac: userMacFor(email), name: "U" } });
  return { userId: u.id, userMac: u.userMac, email };
}

/** Everything a user can own, so deletion can be checked table by table. */
async function seedOwned(user: { userId: string; userMac: string }, tag: string) {
  const now = 1_800_000_000;
  const s = await createHawkSession({ id: user.userId, userMac: user.userMac }, "desk");
  await db().pushUrl.create({ data: { userMac: user.userMac, sessionHmac: s.idHmac, topic: "rooms", url: "https://p.example/r", createdAt: now } });
  await db().room.create({
    data: {
      token: `room-${tag}`, ownerMac: user.userMac, roomOwner: "U", maxSize: 5, expiresIn: 24, provider: "p2p",
      creationTime: now, updateTime: now, expiresAt: now + 3600,
      participants: { create: { id: randomUUID(), userMac: "guest-mac", tokenHash: `th-${tag}`, displayName: "G", clientMaxSize: 5, joinedAt: now, expiresAt: now + 300 } },
    },
  });
  await db().roomTombstone.create({ data: { token: `gone-${tag}`, ownerMac: user.userMac, deletedAt: now, expiresAt: now + 100 } });
  await db().callUrl.create({ data: { token: `cu-${tag}`, userMac: user.userMac, callerId: "x", timestamp: now, expiresAt: now + 100 } });
  await db().call.create({
    data: {
      id: `call-${tag}`, calleeMac: user.userMac, callerId: "x", callType: "audio-video", provider: "p2p", apiKey: "k", sessionId: "s",
      calleeToken: "t", wsCallerToken: `wc-${tag}`, wsCalleeToken: `we-${tag}`, timestamp: now, expiresAt: new Date(now * 1000),
    },
  });
  await db().contact.create({ data: { id: randomUUID(), userId: user.userId, name: "C", email: `c-${tag}@example.test` } });
  await db().oAuthLink.create({ data: { provider: "github", providerAccountId: `gh-${tag}`, userId: user.userId } });
  return s;
}

async function counts(user: { userId: string; userMac: string }) {
  return {
    user: await db().user.count({ where: { id: user.userId } }),
    sessions: await db().hawkSession.count({ where: { userMac: user.userMac } }),
    pushUrls: await db().pushUrl.count({ where: { userMac: user.userMac } }),
    rooms: await db().room.count({ where: { ownerMac: user.userMac } }),
    participants: await db().participant.count({ where: { room: { ownerMac: user.userMac } } }),
    tombstones: await db().roomTombstone.count({ where: { ownerMac: user.userMac } }),
    callUrls: await db().callUrl.count({ where: { userMac: user.userMac } }),
    calls: await db().call.count({ where: { calleeMac: user.userMac } }),
    contacts: await db().contact.count({ where: { userId: user.userId } }),
    links: await db().oAuthLink.count({ where: { userId: user.userId } }),
  };
}

describe("web session cookie", () => {
  it("reads the JWT whole or in next-auth's chunks, and maps it to a live user", async () => {
    const user = await makeUser();
    const jwt = await encode({ token: { sub: user.userId }, secret: config().secrets.auth });
    expect(sessionCookieValue(`a=1; next-auth.session-token=${jwt}; b=2`)).toBe(jwt);
    expect(sessionCookieValue(`next-auth.session-token.0=${jwt.slice(0, 50)}; next-auth.session-token.1=${jwt.slice(50)}`)).toBe(jwt);
    expect(sessionCookieValue("other=1")).toBeNull();
    expect(await webUserFromCookie(`next-auth.session-token=${jwt}`)).toEqual({ ...user, name: null });
    // The name the session was signed in with travels in the cookie (the dashboard shows it).
    const named = await encode({ token: { sub: user.userId, name: " Ada L. " }, secret: config().secrets.auth });
    expect(await webUserFromCookie(`next-auth.session-token=${named}`)).toEqual({ ...user, name: "Ada L." });
  });

  it("a JWT sealed with another secret, or for a deleted user, is nobody", async () => {
    const user = await makeUser();
    const foreign = await encode({ token: { sub: user.userId }, secret: "another-secret-0123456789abcdef0123456789" });
    expect(await webUserFromCookie(`next-auth.session-token=${foreign}`)).toBeNull();
    const jwt = await encode({ token: { sub: user.userId }, secret: config().secrets.auth });
    await deleteWebAccount(user);
    expect(await webUserFromCookie(`next-auth.session-token=${jwt}`)).toBeNull();
  });
});

describe("registration", () => {
  it("without a session: creates one with its URLs in one step; with one: updates that device's topics", async () => {
    const urls = await pushUrlsFrom(registrationBody.parse({ simplePushURLs: { calls: "https://p.example/c1", rooms: "https://p.example/r1" } }), {});
    const { sessionToken } = await registerDevice({ kind: "anonymous" }, urls);
    const idHmac = hawkIdHmac(deriveHawkCredentials(sessionToken!).id);
    expect(await db().pushUrl.count({ where: { sessionHmac: idHmac } })).toBe(2);
    const again = await registerDevice({ kind: "hawk", sessionHmac: idHmac, userMac: idHmac, userId: null }, { calls: "https://p.example/c2" });
    expect(again.sessionToken).toBeNull();
    const rows = await db().pushUrl.findMany({ where: { sessionHmac: idHmac }, orderBy: { topic: "asc" } });
    expect(rows.map((r) => [r.topic, r.url])).toEqual([["calls", "https://p.example/c2"], ["rooms", "https://p.example/r1"]]);
  });

  it("the legacy forms land in the calls topic; a refused URL stops everything before any write", async () => {
    expect(await pushUrlsFrom(registrationBody.parse({ simplePushURL: "https://p.example/l" }), {})).toEqual({ calls: "https://p.example/l" });
    expect(await pushUrlsFrom(registrationBody.parse({ simple_push_url: "https://p.example/o" }), {})).toEqual({ calls: "https://p.example/o" });
    expect(await pushUrlsFrom(registrationBody.parse({}), { simplePushURL: "https://p.example/q" })).toEqual({ calls: "https://p.example/q" });
    const before = await db().hawkSession.count();
    await expect(pushUrlsFrom(registrationBody.parse({ simplePushURLs: { calls: "https://p.example/ok", rooms: "https://10.0.0.1/x" } }), {})).rejects.toMatchObject({
      code: 400,
      errno: 107,
    });
    expect(await db().hawkSession.count()).toBe(before);
  });
});

describe("connected clients", () => {
  it("mints, lists (no secrets) and revokes a user's Hawk sessions", async () => {
    setClock(manualClock());
    const user = await makeUser();
    const a = await mintSessionForUser(user, "Laptop");
    const b = await mintSessionForUser(user);
    const list = await listSessions(user.userId);
    expect(list.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(JSON.stringify(list)).not.toContain(a.hawkSessionToken);
    const other = await makeUser();
    await expect(revokeSession(other.userId, a.id)).rejects.toMatchObject({ code: 404, errno: 105 });
    await revokeSession(user.userId, a.id);
    expect((await listSessions(user.userId)).map((s) => s.id)).toEqual([b.id]);
  });

  it("DELETE /session: an anonymous session → 403 / 110; a registered one goes with its push URLs", async () => {
    const anon = await createHawkSession();
    await expect(endSession({ sessionHmac: anon.idHmac, userId: null })).rejects.toMatchObject({ code: 403, errno: 110 });
    const user = await makeUser();
    const s = await createHawkSession({ id: user.userId, userMac: user.userMac });
    await db().pushUrl.create({ data: { userMac: user.userMac, sessionHmac: s.idHmac, topic: "calls", url: "https://p.example/x", createdAt: 0 } });
    await endSession({ sessionHmac: s.idHmac, userId: user.userId });
    expect(await db().hawkSession.count({ where: { idHmac: s.idHmac } })).toBe(0);
    expect(await db().pushUrl.count({ where: { sessionHmac: s.idHmac } })).toBe(0);
  });
});

describe("DELETE /account", () => {
  it("web user: everything the user owns goes, and nothing of anyone else's", async () => {
    const user = await makeUser();
    const bystander = await makeUser();
    await seedOwned(user, `w1-${user.userId}`);
    await seedOwned(bystander, `w2-${bystander.userId}`);
    await deleteWebAccount(user);
    expect(await counts(user)).toEqual({
      user: 0, sessions: 0, pushUrls: 0, rooms: 0, participants: 0, tombstones: 0, callUrls: 0, calls: 0, contacts: 0, links: 0,
    });
    expect(await counts(bystander)).toEqual({
      user: 1, sessions: 1, pushUrls: 1, rooms: 1, participants: 1, tombstones: 1, callUrls: 1, calls: 1, contacts: 1, links: 1,
    });
  });

  it("Hawk session: as the reference — push URLs, call URLs, calls and this session; rooms are left to expire", async () => {
    const user = await makeUser();
    const s = await seedOwned(user, `h-${user.userId}`);
    await deleteHawkAccount({ sessionHmac: s.idHmac, userMac: user.userMac });
    const c = await counts(user);
    expect(c).toMatchObject({ sessions: 0, pushUrls: 0, callUrls: 0, calls: 0, rooms: 1, user: 1 });
  });
});
