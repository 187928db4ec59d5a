import { beforeAll, describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { createRoom, ctx, device, guestJoin } from "./rooms-support";

/** The rooms API over HTTP (ref §2.6, contract §3): create, read, change, delete, list. */
const base = inject("apiUrl");
let owner: LoopClient;
let stranger: LoopClient;
const anon = new LoopClient(base);

beforeAll(async () => {
  owner = await device(base);
  stranger = await device(base);
});

describe("POST /rooms", () => {
  it("201 {roomToken, roomUrl, expiresAt}; 22-char token; default lifetime 1344 h", async () => {
    const before = Math.floor(Date.now() / 1000);
    const r = await owner.post("/rooms", { roomOwner: "Alice", context: ctx, maxSize: 5 });
    expect(r.status).toBe(201);
    expect(r.body.roomToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(r.body.roomUrl).toBe(`${base}/${r.body.roomToken}`);
    expect(r.body.expiresAt).toBeGreaterThanOrEqual(before + 1344 * 3600);
    expect(r.body.expiresAt).toBeLessThanOrEqual(before + 1344 * 3600 + 5);
  });

  it("answers at /v1 too, and needs credentials (401 / 110)", async () => {
    const v1 = await owner.post("/v1/rooms", { roomOwner: "A", context: ctx, maxSize: 2 });
    expect(v1.status).toBe(201);
    const none = await anon.post("/rooms", { roomOwner: "A", context: ctx, maxSize: 2 }, { auth: "none" });
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 401, errno: 110 });
  });

  it("legacy roomName works with a deprecation Alert header", async () => {
    const r = await owner.post("/rooms", { roomOwner: "A", roomName: "Our room", maxSize: 3 });
    expect(r.status).toBe(201);
    expect(r.headers.get("alert")).toMatch(/deprecated/);
    const info = await anon.get(`/rooms/${r.body.roomToken}`, { auth: "none" });
    expect(info.body.roomName).toBe("Our room");
  });

  const bad: [string, Record<string, unknown>, number, RegExp?][] = [
    ["nothing at all", {}, 108, /Missing: .*roomOwner.*maxSize|Missing: .*maxSize/],
    ["no roomName nor context", { roomOwner: "A", maxSize: 2 }, 108, /Missing: roomName/],
    ["no roomOwner", { context: ctx, maxSize: 2 }, 108, /Missing: roomOwner/],
    ["no maxSize", { context: ctx, roomOwner: "A" }, 108, /Missing: maxSize/],
    ["roomName over 100", { roomName: "x".repeat(101), roomOwner: "A", maxSize: 2 }, 107, /roomName/],
    ["roomOwner over 255", { context: ctx, roomOwner: "x".repeat(256), maxSize: 2 }, 107, /roomOwner/],
    ["both roomName and context", { roomName: "n", context: ctx, roomOwner: "A", maxSize: 2 }, 107, /deprecated/],
    ["context without value", { context: { alg: "AES-GCM", wrappedKey: "k" }, roomOwner: "A", maxSize: 2 }, 107, /context/],
    ["context without alg", { context: { value: "v", wrappedKey: "k" }, roomOwner: "A", maxSize: 2 }, 107, /context/],
    ["context without wrappedKey", { context: { value: "v", alg: "AES-GCM" }, roomOwner: "A", maxSize: 2 }, 107, /context/],
    ["context null", { context: null, roomOwner: "A", maxSize: 2 }, 107, /context/],
    ["context a string", { context: "abc", roomOwner: "A", maxSize: 2 }, 107, /context/],
    ["context too large", { context: { ...ctx, value: "x".repeat(17 * 1024) }, roomOwner: "A", maxSize: 2 }, 107, /context/],
    ["expiresIn not a number", { context: ctx, roomOwner: "A", maxSize: 2, expiresIn: "soon" }, 107, /expiresIn/],
    ["expiresIn over 1344 h", { context: ctx, roomOwner: "A", maxSize: 2, expiresIn: 1345 }, 107, /expiresIn/],
    ["maxSize over the server cap", { context: ctx, roomOwner: "A", maxSize: 6 }, 107, /maxSize cannot be greater than 5/],
    ["maxSize under 2", { context: ctx, roomOwner: "A", maxSize: 1 }, 107, /maxSize/],
    ["maxSize not a number", { context: ctx, roomOwner: "A", maxSize: "many" }, 107, /maxSize/],
  ];
  it.each(bad.map(([name, body, errno, message]) => ({ name, body, errno, message })))(
    "$name → 400 / $errno, nothing stored",
    async ({ body, errno, message }) => {
    const before = await owner.get("/rooms");
    const r = await owner.post("/rooms", body);
    expect(r.status).toBe(400);
    expect(r.body.errno).toBe(errno);
    if (message) expect(r.body.error).toMatch(message);
    const after = await owner.get("/rooms");
    expect(after.body.length).toBe(before.body.length);
    },
  );

  it("malformed JSON → 400 / 106", async () => {
    const r = await owner.request("POST", "/rooms", { rawBody: "{nope", headers: { "Content-Type": "application/json" } });
    expect(r.status).toBe(400);
    expect(r.body.errno).toBe(106);
  });
});

describe("GET /rooms/{token}", () => {
  it("without credentials: the public subset only", async () => {
    const token = await createRoom(owner);
    const r = await anon.get(`/rooms/${token}`, { auth: "none" });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ roomToken: token, context: ctx, roomOwner: "Alice", roomUrl: `${base}/${token}` });
  });

  it("the owner gets the full room info", async () => {
    const token = await createRoom(owner, { maxSize: 4 });
    const r = await owner.get(`/rooms/${token}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      roomToken: token,
      roomUrl: `${base}/${token}`,
      context: ctx,
      roomOwner: "Alice",
      maxSize: 4,
      clientMaxSize: 4,
      participants: [],
    });
    expect(r.body.ctime).toBe(r.body.creationTime);
    expect(typeof r.body.expiresAt).toBe("number");
  });

  it("a participant (guest with Basic) gets the full info; clientMaxSize is the minimum", async () => {
    const token = await createRoom(owner);
    const j = await guestJoin(base, token, "Guest", 3);
    const r = await anon.get(`/rooms/${token}`, { auth: { basic: j.body.sessionToken } });
    expect(r.status).toBe(200);
    expect(r.body.clientMaxSize).toBe(3);
    expect(r.body.participants).toEqual([{ roomConnectionId: j.body.roomConnectionId, displayName: "Guest", owner: false }]);
  });

  it("a Hawk user who is neither owner nor participant → 403 / 999", async () => {
    const token = await createRoom(owner);
    const r = await stranger.get(`/rooms/${token}`);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ errno: 999, error: "Authenticated user is neither a participant of the room nor the room owner." });
  });

  it("a guest of another room → 403", async () => {
    const a = await createRoom(owner);
    const b = await createRoom(owner);
    const j = await guestJoin(base, a);
    const r = await anon.get(`/rooms/${b}`, { auth: { basic: j.body.sessionToken } });
    expect(r.status).toBe(403);
  });

  it("unknown, malformed and invalid-Basic cases", async () => {
    expect((await anon.get("/rooms/AAAAAAAAAAAAAAAAAAAAAA", { auth: "none" })).body).toMatchObject({ code: 404, errno: 105 });
    expect((await anon.get("/rooms/short", { auth: "none" })).body).toMatchObject({ code: 404, errno: 105 });
    expect((await anon.get("/v1/rooms/AAAAAAAAAAA", { auth: "none" })).status).toBe(404);
    const token = await createRoom(owner);
    const r = await anon.get(`/rooms/${token}`, { auth: { basic: "not-a-token" } });
    expect(r.status).toBe(401);
    expect(r.body.errno).toBe(110);
  });

  it("a browser asking for HTML is redirected to the room page", async () => {
    const token = await createRoom(owner);
    const r = await anon.get(`/rooms/${token}`, { auth: "none", headers: { Accept: "text/html,application/xhtml+xml" } });
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe(`${base}/${token}`);
  });
});

describe("PATCH /rooms/{token}", () => {
  it("the owner changes fields; ctime moves; lifetime kept without expiresIn", async () => {
    const token = await createRoom(owner, { expiresIn: 10 });
    const before = (await owner.get(`/rooms/${token}`)).body;
    const ctx2 = { ...ctx, value: "bmV3" };
    const r = await owner.patch(`/rooms/${token}`, { context: ctx2, roomOwner: "Bob", maxSize: 3 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ expiresAt: before.expiresAt });
    const after = (await owner.get(`/rooms/${token}`)).body;
    expect(after).toMatchObject({ context: ctx2, roomOwner: "Bob", maxSize: 3 });
    expect(after.ctime).toBeGreaterThanOrEqual(before.ctime);
  });

  it("with expiresIn the room lives that long from now", async () => {
    const token = await createRoom(owner);
    const now = Math.floor(Date.now() / 1000);
    const r = await owner.patch(`/rooms/${token}`, { expiresIn: 2 });
    expect(r.body.expiresAt).toBeGreaterThanOrEqual(now + 7200);
    expect(r.body.expiresAt).toBeLessThanOrEqual(now + 7205);
  });

  it("validation as on create: context null, too long names, maxSize over the cap → 400 / 107", async () => {
    const token = await createRoom(owner);
    for (const body of [{ context: null }, { roomName: "x".repeat(101) }, { roomOwner: "x".repeat(256) }, { maxSize: 9 }, { expiresIn: 2000 }]) {
      const r = await owner.patch(`/rooms/${token}`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errno).toBe(107);
    }
  });

  it("not the owner → 403 / 999; unknown room → 404 / 105; no credentials → 401", async () => {
    const token = await createRoom(owner);
    const r = await stranger.patch(`/rooms/${token}`, { roomOwner: "Mallory" });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ errno: 999, error: "Authenticated user is not the owner of this room." });
    expect((await owner.get(`/rooms/${token}`)).body.roomOwner).toBe("Alice");
    expect((await owner.patch("/rooms/AAAAAAAAAAAAAAAAAAAAAA", { roomOwner: "x" })).body).toMatchObject({ code: 404, errno: 105 });
    expect((await anon.patch(`/rooms/${token}`, { roomOwner: "x" }, { auth: "none" })).status).toBe(401);
  });
});

describe("DELETE /rooms/{token}", () => {
  it("owner only (403 / 999); then 204 and the room is gone (404 / 105)", async () => {
    const token = await createRoom(owner);
    const j = await guestJoin(base, token);
    expect((await stranger.del(`/rooms/${token}`)).status).toBe(403);
    const r = await owner.del(`/rooms/${token}`);
    expect(r.status).toBe(204);
    expect((await anon.get(`/rooms/${token}`, { auth: "none" })).body).toMatchObject({ code: 404, errno: 105 });
    // The guest's participation went with the room.
    expect((await anon.post(`/rooms/${token}`, { action: "refresh" }, { auth: { basic: j.body.sessionToken } })).status).toBe(401);
    expect((await owner.del(`/rooms/${token}`)).status).toBe(404);
  });
});

describe("GET /rooms and PATCH /rooms", () => {
  // The order by update time and deltas to the second: tests/unit/rooms-lifecycle.test.ts
  // (manual clock; timestamps are whole seconds).
  it("lists the caller's rooms only, as full room info", async () => {
    const me = await device(base);
    const a = await createRoom(me, { roomOwner: "first" });
    const b = await createRoom(me, { roomOwner: "second" });
    await createRoom(stranger);
    await me.patch(`/rooms/${a}`, { roomOwner: "first, changed" });
    const r = await me.get("/rooms");
    expect(r.status).toBe(200);
    expect(r.body.map((x: { roomToken: string }) => x.roomToken).sort()).toEqual([a, b].sort());
    expect(r.body.find((x: { roomToken: string }) => x.roomToken === a)).toMatchObject({ roomOwner: "first, changed", participants: [], maxSize: 5 });
  });

  it("?version= returns the delta, with tombstones for deleted rooms only when a version is given", async () => {
    const me = await device(base);
    const a = await createRoom(me);
    const b = await createRoom(me);
    const t0 = (await me.get(`/rooms/${a}`)).body.ctime as number;
    await me.del(`/rooms/${a}`);
    const all = await me.get("/rooms");
    expect(all.body.map((x: { roomToken: string }) => x.roomToken)).toEqual([b]);
    expect(all.body).not.toContainEqual({ roomToken: a, deleted: true });
    const older = await me.get(`/rooms?version=${t0}`);
    expect(older.body).toContainEqual({ roomToken: a, deleted: true });
    expect(older.body.map((x: { roomToken: string }) => x.roomToken)).toContain(b);
    expect((await me.get("/rooms?version=abc")).body.errno).toBe(107);
  });

  it("bulk delete: 207 with per-token results; only the caller's rooms; 404 when none found", async () => {
    const me = await device(base);
    const mine = await createRoom(me);
    const mine2 = await createRoom(me);
    const theirs = await createRoom(stranger);
    const r = await me.patch("/rooms", { deleteRoomTokens: [mine, theirs, mine2] });
    expect(r.status).toBe(207);
    expect(r.body).toEqual({
      responses: {
        [mine]: { code: 200 },
        [mine2]: { code: 200 },
        [theirs]: { code: 404, errno: 105, error: "Room not found." },
      },
    });
    expect((await anon.get(`/rooms/${theirs}`, { auth: "none" })).status).toBe(200);
    expect((await anon.get(`/rooms/${mine}`, { auth: "none" })).status).toBe(404);
    const none = await me.patch("/rooms", { deleteRoomTokens: [theirs] });
    expect(none.status).toBe(404);
    expect(none.body.responses[theirs]).toMatchObject({ code: 404, errno: 105 });
  });

  it("bulk delete input: missing → 108, empty → 107", async () => {
    expect((await owner.patch("/rooms", {})).body).toMatchObject({ code: 400, errno: 108 });
    expect((await owner.patch("/rooms", { deleteRoomTokens: [] })).body).toMatchObject({ code: 400, errno: 107 });
    expect((await owner.patch("/rooms", { deleteRoomTokens: "abc" })).body).toMatchObject({ code: 400, errno: 107 });
  });
});
