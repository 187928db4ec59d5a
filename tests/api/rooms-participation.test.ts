import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { createRoom, device, eventually, guestJoin, hawkHeader, openSse, pushEndpoint } from "./rooms-support";

/**
 * Participation over HTTP (ref §2.6 POST /rooms/{token}, §4): join, owner seat, capacity,
 * re-join, refresh, status, leave, logDomain, and the owner's notifications (SimplePush and
 * the live /events stream). Expiry with the injected clock is in tests/unit/rooms-lifecycle.
 */
const base = inject("apiUrl");
const anon = new LoopClient(base);
let owner: LoopClient;
let push: Awaited<ReturnType<typeof pushEndpoint>>;

beforeAll(async () => {
  push = await pushEndpoint();
  owner = await device(base, push.url("owner"));
});
afterAll(() => push.close());

const join = (c: LoopClient, token: string, displayName = "Someone", clientMaxSize = 5) =>
  c.post(`/rooms/${token}`, { action: "join", displayName, clientMaxSize });

describe("join", () => {
  it("a guest joins without credentials: {apiKey, sessionId, sessionToken, expires: 300, provider}", async () => {
    const token = await createRoom(owner);
    const r = await guestJoin(base, token, "Guest");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ apiKey: "p2p", provider: "p2p", expires: 300 });
    expect(r.body.sessionId).toMatch(/^p2p_/);
    expect(r.body.sessionToken).toMatch(/^p2p1\./);
    expect(r.body.roomConnectionId).toMatch(/^[0-9a-f-]{36}$/);
    // The token is a signed credential naming the room and the participant, role publisher.
    const claims = JSON.parse(Buffer.from(r.body.sessionToken.split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({ sid: r.body.sessionId, sub: r.body.roomConnectionId, role: "publisher" });
    expect(JSON.parse(claims.data)).toEqual({ name: "Guest", kind: "room", ref: token });
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(24 * 3600 - 10);
  });

  it("the owner joins as moderator, in the same media session, and is marked owner", async () => {
    const token = await createRoom(owner);
    const g = await guestJoin(base, token);
    const o = await join(owner, token, "Alice");
    expect(o.status).toBe(200);
    expect(o.body.sessionId).toBe(g.body.sessionId);
    const claims = JSON.parse(Buffer.from(o.body.sessionToken.split(".")[1], "base64url").toString());
    expect(claims.role).toBe("moderator");
    const info = (await owner.get(`/rooms/${token}`)).body;
    expect(info.participants).toContainEqual({ roomConnectionId: o.body.roomConnectionId, displayName: "Alice", owner: true });
  });

  it("missing displayName / clientMaxSize → 400 / 108; bad values → 107; missing or unknown action", async () => {
    const token = await createRoom(owner);
    const r = await anon.post(`/rooms/${token}`, { action: "join" }, { auth: "none" });
    expect(r.body).toMatchObject({ code: 400, errno: 108, error: "Missing: displayName, clientMaxSize" });
    const nan = await anon.post(`/rooms/${token}`, { action: "join", displayName: "G", clientMaxSize: "two" }, { auth: "none" });
    expect(nan.body).toMatchObject({ code: 400, errno: 107 });
    const missing = await anon.post(`/rooms/${token}`, {}, { auth: "none" });
    expect(missing.body).toMatchObject({ code: 400, errno: 108, error: "Missing: action" });
    const unknown = await anon.post(`/rooms/${token}`, { action: "dance" }, { auth: "none" });
    expect(unknown.body).toMatchObject({ code: 400, errno: 107, error: "action should be one of join, refresh, status, leave, logDomain" });
    expect((await owner.get(`/rooms/${token}`)).body.participants).toEqual([]);
  });

  it("unknown room → 404 / 105", async () => {
    const r = await guestJoin(base, "AAAAAAAAAAAAAAAAAAAAAA");
    expect(r.body).toMatchObject({ code: 404, errno: 105 });
  });

  it("a seat is always kept for the owner: maxSize 3 takes 2 guests, then 400 / 202; the owner still gets in", async () => {
    const token = await createRoom(owner, { maxSize: 3 });
    expect((await guestJoin(base, token, "G1")).status).toBe(200);
    expect((await guestJoin(base, token, "G2")).status).toBe(200);
    const full = await guestJoin(base, token, "G3");
    expect(full.status).toBe(400);
    expect(full.body).toMatchObject({ errno: 202, error: "The room is full." });
    expect((await join(owner, token, "Alice")).status).toBe(200);
    expect((await guestJoin(base, token, "G4")).body.errno).toBe(202);
  });

  it("joining after the owner: every seat can be taken", async () => {
    const token = await createRoom(owner, { maxSize: 2 });
    expect((await join(owner, token, "Alice")).status).toBe(200);
    expect((await guestJoin(base, token, "G1")).status).toBe(200);
    expect((await guestJoin(base, token, "G2")).body.errno).toBe(202);
  });

  it("clientMaxSize: the room is as small as its smallest client; a joiner that cannot show everyone → 121", async () => {
    const token = await createRoom(owner, { maxSize: 5 });
    expect((await guestJoin(base, token, "G1", 2)).status).toBe(200);
    // limit = min(5, 2) = 2, one other, owner seat → full.
    expect((await guestJoin(base, token, "G2", 5)).body.errno).toBe(202);

    const roomB = await createRoom(owner, { maxSize: 5 });
    expect((await guestJoin(base, roomB, "G1")).status).toBe(200);
    expect((await guestJoin(base, roomB, "G2")).status).toBe(200);
    const small = await guestJoin(base, roomB, "G3", 2);
    expect(small.status).toBe(400);
    expect(small.body).toMatchObject({ errno: 121, error: "Too many participants in the room for you to handle." });
  });

  it("re-joining does not count twice (owner, registered device, guest with its Basic token)", async () => {
    const token = await createRoom(owner, { maxSize: 2 });
    const first = await join(owner, token, "Alice");
    const again = await join(owner, token, "Alice (tab 2)");
    expect(again.status).toBe(200);
    expect(again.body.roomConnectionId).toBe(first.body.roomConnectionId);
    const g = await guestJoin(base, token, "G1");
    const gAgain = await anon.post(`/rooms/${token}`, { action: "join", displayName: "G1 again", clientMaxSize: 5 }, { auth: { basic: g.body.sessionToken } });
    expect(gAgain.status).toBe(200);
    expect(gAgain.body.roomConnectionId).toBe(g.body.roomConnectionId);
    const info = (await owner.get(`/rooms/${token}`)).body;
    expect(info.participants.map((p: { displayName: string }) => p.displayName).sort()).toEqual(["Alice (tab 2)", "G1 again"]);
    // The new token replaced the old one.
    expect((await anon.post(`/rooms/${token}`, { action: "refresh" }, { auth: { basic: g.body.sessionToken } })).status).toBe(401);
    expect((await anon.post(`/rooms/${token}`, { action: "refresh" }, { auth: { basic: gAgain.body.sessionToken } })).status).toBe(200);
  });

  it("two registered devices of different users each take a seat", async () => {
    const token = await createRoom(owner, { maxSize: 3 });
    const bob = await device(base);
    expect((await join(bob, token, "Bob")).status).toBe(200);
    expect((await join(bob, token, "Bob again")).status).toBe(200);
    expect((await guestJoin(base, token)).status).toBe(200);
    expect((await guestJoin(base, token)).body.errno).toBe(202);
  });
});

describe("refresh, status, leave, logDomain", () => {
  it("without credentials → 401 / 110 with WWW-Authenticate: Token,Hawk", async () => {
    const token = await createRoom(owner);
    for (const action of ["refresh", "status", "leave", "logDomain"]) {
      const r = await anon.post(`/rooms/${token}`, { action }, { auth: "none" });
      expect(r.status, action).toBe(401);
      expect(r.body.errno).toBe(110);
      expect(r.headers.get("www-authenticate")).toBe("Token,Hawk");
    }
  });

  it("refresh → {expires: 300} for a guest (Basic) and a Hawk participant; a Hawk non-participant → 410 / 111", async () => {
    const token = await createRoom(owner);
    const g = await guestJoin(base, token);
    const r = await anon.post(`/rooms/${token}`, { action: "refresh", sessionToken: g.body.sessionToken }, { auth: { basic: g.body.sessionToken } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ expires: 300 });
    await join(owner, token, "Alice");
    expect((await owner.post(`/rooms/${token}`, { action: "refresh" })).body).toEqual({ expires: 300 });
    const stranger = await device(base);
    const gone = await stranger.post(`/rooms/${token}`, { action: "refresh" });
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ errno: 111, error: "Participation has expired." });
  });

  it("Basic with a trailing colon is accepted; an unknown token → 401 / 110", async () => {
    const token = await createRoom(owner);
    const g = await guestJoin(base, token);
    const colon = await anon.post(`/rooms/${token}`, { action: "refresh" }, { auth: { header: `Basic ${Buffer.from(`${g.body.sessionToken}:`).toString("base64")}` } });
    expect(colon.status).toBe(200);
    const bad = await anon.post(`/rooms/${token}`, { action: "refresh" }, { auth: { basic: "p2p1.nope.nope" } });
    expect(bad.status).toBe(401);
    expect(bad.body.errno).toBe(110);
  });

  it("status: fields checked (107), participants only (400 / 203), then 204", async () => {
    const token = await createRoom(owner);
    const g = await guestJoin(base, token);
    const as = { auth: { basic: g.body.sessionToken } };
    const ok = { action: "status", event: "Session.connectionCreated", state: "sendrecv", connections: 2, sendStreams: 1, recvStreams: 1 };
    expect((await anon.post(`/rooms/${token}`, ok, as)).status).toBe(204);
    for (const field of ["event", "state", "connections", "sendStreams", "recvStreams"]) {
      const body: Record<string, unknown> = { ...ok };
      delete body[field];
      const r = await anon.post(`/rooms/${token}`, body, as);
      expect(r.body, field).toMatchObject({ code: 400, errno: 107, error: `'${field}' field is missing in body.` });
    }
    for (const [field, value] of [["connections", -1], ["sendStreams", "x"], ["recvStreams", 1.5]] as const) {
      const r = await anon.post(`/rooms/${token}`, { ...ok, [field]: value }, as);
      expect(r.body, field).toMatchObject({ code: 400, errno: 107, error: `Invalid ${field} number.` });
    }
    const stranger = await device(base);
    const r = await stranger.post(`/rooms/${token}`, ok);
    expect(r.body).toMatchObject({ code: 400, errno: 203, error: "Can't update status for a room you aren't in." });
  });

  it("leave: 204, the seat is free again; leaving twice or without joining → 400 / 203", async () => {
    const token = await createRoom(owner, { maxSize: 2 });
    const g = await guestJoin(base, token);
    expect((await guestJoin(base, token)).body.errno).toBe(202);
    const r = await anon.post(`/rooms/${token}`, { action: "leave" }, { auth: { basic: g.body.sessionToken } });
    expect(r.status).toBe(204);
    expect((await owner.get(`/rooms/${token}`)).body.participants).toEqual([]);
    expect((await guestJoin(base, token)).status).toBe(200);
    // The guest's credential ended with its participation.
    expect((await anon.post(`/rooms/${token}`, { action: "leave" }, { auth: { basic: g.body.sessionToken } })).status).toBe(401);
    const stranger = await device(base);
    const never = await stranger.post(`/rooms/${token}`, { action: "leave" });
    expect(never.body).toMatchObject({ code: 400, errno: 203, error: "Unable to leave a room you have not joined." });
    await join(owner, token, "Alice");
    expect((await owner.post(`/rooms/${token}`, { action: "leave" })).status).toBe(204);
    expect((await owner.post(`/rooms/${token}`, { action: "leave" })).body.errno).toBe(203);
  });

  it("logDomain: domains required (108), entries need domain and count (107), participants only (203)", async () => {
    const token = await createRoom(owner);
    const g = await guestJoin(base, token);
    const as = { auth: { basic: g.body.sessionToken } };
    expect((await anon.post(`/rooms/${token}`, { action: "logDomain", domains: [{ domain: "mozilla.org", count: 3 }] }, as)).status).toBe(204);
    expect((await anon.post(`/rooms/${token}`, { action: "logDomain" }, as)).body).toMatchObject({ errno: 108 });
    expect((await anon.post(`/rooms/${token}`, { action: "logDomain", domains: [{ domain: "a.org" }] }, as)).body).toMatchObject({ errno: 107 });
    expect((await anon.post(`/rooms/${token}`, { action: "logDomain", domains: [{ count: 1 }] }, as)).body).toMatchObject({ errno: 107 });
    const stranger = await device(base);
    expect((await stranger.post(`/rooms/${token}`, { action: "logDomain", domains: [] })).body).toMatchObject({ errno: 203 });
  });
});

describe("owner notifications", () => {
  it("create, change, join, leave and delete each PUT version=<ctime> to the owner's rooms push URL", async () => {
    const token = await createRoom(owner);
    const created = (await owner.get(`/rooms/${token}`)).body.ctime as number;
    await eventually(() => expect(push.versionsFor("owner")).toContain(created));
    const count = () => push.versionsFor("owner").length;

    let n = count();
    await owner.patch(`/rooms/${token}`, { roomOwner: "Alice 2" });
    await eventually(() => expect(count()).toBeGreaterThan(n));
    n = count();
    const g = await guestJoin(base, token);
    await eventually(() => expect(count()).toBeGreaterThan(n));
    n = count();
    await anon.post(`/rooms/${token}`, { action: "leave" }, { auth: { basic: g.body.sessionToken } });
    await eventually(() => expect(count()).toBeGreaterThan(n));
    const left = (await owner.get(`/rooms/${token}`)).body.ctime as number;
    expect(push.versionsFor("owner").at(-1)).toBe(left);
    n = count();
    await owner.del(`/rooms/${token}`);
    await eventually(() => expect(count()).toBeGreaterThan(n));
    // The version pushed lets the owner's device fetch the delta, tombstone included.
    const delta = await owner.get(`/rooms?version=${push.versionsFor("owner").at(-1)}`);
    expect(delta.body).toContainEqual({ roomToken: token, deleted: true });
  });

  it("GET /events streams the owner's room changes as they happen", async () => {
    const url = `${base}/events`;
    const sse = await openSse(url, hawkHeader(owner, url));
    expect(sse.status).toBe(200);
    expect(sse.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const token = await createRoom(owner);
    const g = await guestJoin(base, token, "Guest");
    await anon.post(`/rooms/${token}`, { action: "leave" }, { auth: { basic: g.body.sessionToken } });
    await owner.del(`/rooms/${token}`);
    const events = await sse.until((es) => es.filter((e) => e.data.roomToken === token).length >= 4);
    const mine = events.filter((e) => e.data.roomToken === token);
    expect(mine.map((e) => e.event)).toEqual(["room", "room", "room", "room"]);
    expect(mine.map((e) => e.data.reason)).toEqual(["creation", "join", "leave", "deletion"]);
    for (const e of mine) expect(typeof e.data.version).toBe("number");
    // ids increase
    const ids = mine.map((e) => Number(e.id!.split("-")[1]));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    sse.close();
  });
});
