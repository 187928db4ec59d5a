import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { verifyGuestToken } from "@/lib/auth/guest";
import { manualClock, setClock } from "@/lib/clock";
import { resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import { subscribe } from "@/lib/events/bus";
import { createRoom } from "@/lib/rooms/create";
import { bulkDeleteRooms, deleteRoom } from "@/lib/rooms/delete";
import { joinRoom } from "@/lib/rooms/join";
import { leaveRoom, refreshParticipation } from "@/lib/rooms/participation";
import { getRoom, listRooms } from "@/lib/rooms/read";
import type { fullRoomInfo } from "@/lib/rooms/room-info";
import { sweepRooms } from "@/lib/rooms/sweep";
import { updateRoom } from "@/lib/rooms/update";
import { waitFor } from "../support/wait";

/**
 * Room rules against a real database with the injected clock: expiry without sleeping,
 * ctime bumps, deltas and tombstones, owner notifications (bus event and SimplePush PUT).
 */
const clock = manualClock(Date.UTC(2026, 0, 1));
setClock(clock);

let n = 0;
type HawkCaller = Extract<Caller, { kind: "hawk" }>;
const hawk = (name: string): HawkCaller => ({ kind: "hawk", sessionHmac: `s-${name}`, userMac: `mac-${name}-${++n}`, userId: null });
const anon: Caller = { kind: "anonymous" };
const basic = (token: string) => `Basic ${Buffer.from(token).toString("base64")}`;
const ctx = { value: "ciphertext", alg: "AES-GCM", wrappedKey: "wrapped" };

async function newRoom(owner: HawkCaller, maxSize = 5, expiresIn?: number) {
  return createRoom(owner.userMac, { roomOwner: "Alice", context: ctx, maxSize, expiresIn });
}

/** The full room info (the caller is the owner or a participant). */
async function full(token: string, caller: Caller) {
  return (await getRoom(token, caller)) as ReturnType<typeof fullRoomInfo>;
}

function events(userMac: string) {
  const got: { type: string; roomToken: string; reason: string; version: number }[] = [];
  const off = subscribe(`user:${userMac}`, (e) => got.push(e as (typeof got)[number]));
  return { got, off };
}

// A local SimplePush endpoint recording the versions it receives.
let push: Server;
let pushUrl = "";
const pushed: string[] = [];
beforeAll(async () => {
  process.env.PUSH_ALLOWED_HOSTS = "127.0.0.1";
  resetConfigForTests();
  push = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      pushed.push(`${req.method} ${body}`);
      res.end();
    });
  });
  await new Promise<void>((r) => push.listen(0, "127.0.0.1", r));
  pushUrl = `http://127.0.0.1:${(push.address() as { port: number }).port}/push`;
});
afterAll(() => push.close());
beforeEach(() => {
  pushed.length = 0;
});

describe("participant expiry (injected clock)", () => {
  it("a participant vanishes from every answer at 300 s, before any sweep", async () => {
    const owner = hawk("owner");
    const { roomToken } = await newRoom(owner);
    const guest = await joinRoom(roomToken, anon, { displayName: "Guest", clientMaxSize: 5 });
    expect((await full(roomToken, owner)).participants).toHaveLength(1);

    clock.advance(299_000);
    expect((await full(roomToken, owner)).participants).toHaveLength(1);
    clock.advance(1_000);
    expect((await full(roomToken, owner)).participants).toHaveLength(0);
    const [listed] = await listRooms(owner.userMac);
    expect(listed).toMatchObject({ roomToken, participants: [] });
    // The guest's Basic credential died with the participation: 401 / 110.
    await expect(verifyGuestToken(basic(guest.sessionToken))).rejects.toMatchObject({ code: 401, errno: 110 });
  });

  it("refresh extends by 300 s; a late refresh is 410 / 111", async () => {
    const owner = hawk("owner");
    const { roomToken } = await newRoom(owner);
    await joinRoom(roomToken, owner, { displayName: "Alice", clientMaxSize: 5 });
    clock.advance(250_000);
    expect(await refreshParticipation(roomToken, owner)).toEqual({ expires: 300 });
    clock.advance(250_000); // 500 s after join, 250 s after the refresh: still in
    expect((await full(roomToken, owner)).participants).toHaveLength(1);
    clock.advance(50_000);
    await expect(refreshParticipation(roomToken, owner)).rejects.toMatchObject({ code: 410, errno: 111 });
  });

  it("a guest refreshes with its Basic token while it lives", async () => {
    const owner = hawk("owner");
    const { roomToken } = await newRoom(owner);
    const j = await joinRoom(roomToken, anon, { displayName: "Guest", clientMaxSize: 5 });
    clock.advance(200_000);
    const guest = await verifyGuestToken(basic(j.sessionToken));
    expect(await refreshParticipation(roomToken, guest)).toEqual({ expires: 300 });
    clock.advance(200_000);
    await expect(verifyGuestToken(basic(j.sessionToken))).resolves.toMatchObject({ kind: "guest", roomToken });
  });

  it("the sweeper removes expired participants, touches the room and tells the owner (leave)", async () => {
    const owner = hawk("owner");
    const mac = owner.userMac;
    await db().pushUrl.create({ data: { userMac: mac, sessionHmac: `s-${mac}`, topic: "rooms", url: pushUrl, createdAt: 0 } });
    const { roomToken } = await newRoom(owner);
    await joinRoom(roomToken, anon, { displayName: "Guest", clientMaxSize: 5 });
    const before = (await full(roomToken, owner)).ctime;
    const feed = events(mac);
    pushed.length = 0;

    clock.advance(301_000);
    const swept = await sweepRooms();
    expect(swept.participants).toBeGreaterThanOrEqual(1);
    expect(await db().participant.count({ where: { roomToken } })).toBe(0);
    const room = await full(roomToken, owner);
    expect(room.ctime).toBe(before + 301);
    expect(feed.got).toContainEqual({ type: "room", roomToken, reason: "leave", version: room.ctime });
    await waitFor(() => pushed.includes(`PUT version=${room.ctime}`));
    feed.off();
  });
});

describe("room expiry", () => {
  it("a room vanishes at expiresAt; the sweeper deletes it, leaves a tombstone and notifies", async () => {
    const owner = hawk("owner");
    const mac = owner.userMac;
    const created = await newRoom(owner, 5, 1);
    const start = Math.floor(clock.nowMs() / 1000);
    expect(created.expiresAt).toBe(start + 3600);
    const feed = events(mac);

    clock.advance(3600_000);
    await expect(getRoom(created.roomToken, anon)).rejects.toMatchObject({ code: 404, errno: 105 });
    await expect(joinRoom(created.roomToken, anon, { displayName: "Late", clientMaxSize: 5 })).rejects.toMatchObject({ code: 404, errno: 105 });
    expect(await listRooms(mac)).toEqual([]);

    await sweepRooms();
    expect(await db().room.findUnique({ where: { token: created.roomToken } })).toBeNull();
    expect(feed.got.at(-1)).toMatchObject({ roomToken: created.roomToken, reason: "expiry" });
    expect(await listRooms(mac, start)).toEqual([{ roomToken: created.roomToken, deleted: true }]);
    feed.off();
  });

  it("join and leave extend the room to now + 8 weeks", async () => {
    const owner = hawk("owner");
    const { roomToken } = await newRoom(owner, 5, 1);
    clock.advance(1800_000);
    await joinRoom(roomToken, owner, { displayName: "Alice", clientMaxSize: 5 });
    const now = Math.floor(clock.nowMs() / 1000);
    expect((await full(roomToken, owner)).expiresAt).toBe(now + 1344 * 3600);
    clock.advance(10_000);
    await leaveRoom(roomToken, owner);
    expect((await full(roomToken, owner)).expiresAt).toBe(now + 10 + 1344 * 3600);
  });
});

describe("ctime, deltas and tombstones", () => {
  it("every change bumps ctime; ?version= returns what changed since, sorted by update time", async () => {
    const owner = hawk("owner");
    const mac = owner.userMac;
    const a = await newRoom(owner);
    clock.advance(10_000);
    const b = await newRoom(owner);
    const tB = Math.floor(clock.nowMs() / 1000);
    clock.advance(10_000);
    await updateRoom(a.roomToken, owner, { roomOwner: "Alice B." });
    const tA = Math.floor(clock.nowMs() / 1000);

    const all = await listRooms(mac);
    expect(all.map((r) => r.roomToken)).toEqual([b.roomToken, a.roomToken]);
    expect(all.map((r) => ("ctime" in r ? r.ctime : 0))).toEqual([tB, tA]);
    const since = await listRooms(mac, tA);
    expect(since.map((r) => r.roomToken)).toEqual([a.roomToken]);
  });

  it("deleted rooms appear as tombstones only with a version, for 27 minutes", async () => {
    const owner = hawk("owner");
    const mac = owner.userMac;
    const a = await newRoom(owner);
    const b = await newRoom(owner);
    const t0 = Math.floor(clock.nowMs() / 1000);
    clock.advance(5_000);
    await deleteRoom(a.roomToken, owner);

    expect((await listRooms(mac)).map((r) => r.roomToken)).toEqual([b.roomToken]);
    expect(await listRooms(mac, t0 + 5)).toEqual([{ roomToken: a.roomToken, deleted: true }]);
    expect(await listRooms(mac, t0 + 6)).toEqual([]);

    clock.advance(27 * 60_000 - 1_000);
    expect(await listRooms(mac, t0)).toContainEqual({ roomToken: a.roomToken, deleted: true });
    clock.advance(1_000);
    expect(await listRooms(mac, t0)).not.toContainEqual({ roomToken: a.roomToken, deleted: true });
    await sweepRooms();
    expect(await db().roomTombstone.findUnique({ where: { token: a.roomToken } })).toBeNull();
  });

  it("bulk delete deletes only the caller's rooms: 207 with per-token results, 404 when none", async () => {
    const owner = hawk("owner");
    const other = hawk("other");
    const mine = await newRoom(owner);
    const theirs = await newRoom(other);
    const r = await bulkDeleteRooms(owner.userMac, [mine.roomToken, theirs.roomToken, "nonexistent-token"]);
    expect(r.status).toBe(207);
    expect(r.body.responses).toEqual({
      [mine.roomToken]: { code: 200 },
      [theirs.roomToken]: { code: 404, errno: 105, error: "Room not found." },
      "nonexistent-token": { code: 404, errno: 105, error: "Room not found." },
    });
    await expect(getRoom(theirs.roomToken, anon)).resolves.toMatchObject({ roomToken: theirs.roomToken });
    const none = await bulkDeleteRooms(owner.userMac, [theirs.roomToken]);
    expect(none.status).toBe(404);
  });

  it("create, change, join, leave and delete each notify the owner with the new ctime", async () => {
    const owner = hawk("owner");
    const mac = owner.userMac;
    const feed = events(mac);
    const { roomToken } = await newRoom(owner);
    clock.advance(1_000);
    await updateRoom(roomToken, owner, { maxSize: 4 });
    clock.advance(1_000);
    const g = await joinRoom(roomToken, anon, { displayName: "Guest", clientMaxSize: 5 });
    clock.advance(1_000);
    await leaveRoom(roomToken, await verifyGuestToken(basic(g.sessionToken)));
    clock.advance(1_000);
    await deleteRoom(roomToken, owner);
    const t = Math.floor(clock.nowMs() / 1000);
    expect(feed.got.map((e) => [e.reason, e.version])).toEqual([
      ["creation", t - 4],
      ["modification", t - 3],
      ["join", t - 2],
      ["leave", t - 1],
      ["deletion", t],
    ]);
    feed.off();
  });

  it("PATCH without expiresIn keeps the lifetime; with it, the room lives that long from now", async () => {
    const owner = hawk("owner");
    const { roomToken, expiresAt } = await newRoom(owner, 5, 10);
    clock.advance(60_000);
    expect(await updateRoom(roomToken, owner, { roomOwner: "Bob" })).toEqual({ expiresAt });
    const now = Math.floor(clock.nowMs() / 1000);
    expect(await updateRoom(roomToken, owner, { expiresIn: 2 })).toEqual({ expiresAt: now + 7200 });
  });
});
