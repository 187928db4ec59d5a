import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { createRoom, device, guestJoin, openSse } from "./rooms-support";

/**
 * Live room state over HTTP (contract §6): everyone in a room learns of a new name and of
 * the room's end on the stream they hold open — the p2p signaling stream in a call, and
 * `GET /rooms/{token}/events` before joining and in OpenTok rooms. The context stays
 * encrypted on the wire.
 */
const base = inject("apiUrl");
const anon = new LoopClient(base);
const signalUrl = (token: string) => `${base}/video/signal?token=${encodeURIComponent(token)}`;
const renamed = { value: "bmV3LWNpcGhlcnRleHQ=", alg: "AES-GCM", wrappedKey: "d3JhcHBlZA==" };

describe("room events on the signaling stream (p2p, in a call)", () => {
  it("a rename arrives as the new ciphertext; a delete ends the stream with reason deleted", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const g = (await guestJoin(base, token, "Gus")).body;
    const s = await openSse(signalUrl(g.sessionToken));
    await s.until((es) => es.some((e) => e.event === "welcome"));

    expect((await owner.patch(`/rooms/${token}`, { context: renamed })).status).toBe(200);
    await s.until((es) => es.some((e) => e.event === "room-context"));
    expect(s.of("room-context").map((e) => e.data)).toEqual([{ roomToken: token, roomOwner: "Alice", roomUrl: `${base}/${token}`, context: renamed }]);

    expect((await owner.del(`/rooms/${token}`)).status).toBe(204);
    await s.until((es) => es.some((e) => e.event === "room-closed"));
    expect(s.of("room-closed").map((e) => e.data)).toEqual([{ reason: "deleted" }]);
    await expect.poll(() => s.ended).toBe(true);
  });

  it("a bulk delete (PATCH /rooms) closes the room the same way", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const g = (await guestJoin(base, token, "Gus")).body;
    const s = await openSse(signalUrl(g.sessionToken));
    await s.until((es) => es.some((e) => e.event === "welcome"));
    expect((await owner.patch("/rooms", { deleteRoomTokens: [token] })).status).toBe(207);
    await s.until((es) => es.some((e) => e.event === "room-closed"));
    expect(s.of("room-closed")[0].data).toEqual({ reason: "deleted" });
  });
});

describe("GET /rooms/{token}/events (pre-join, OpenTok rooms)", () => {
  it("anyone holding the link hears the rename (encrypted) and the delete; nothing else leaks", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const s = await openSse(`${base}/rooms/${token}/events`);
    expect(s.status).toBe(200);
    expect(s.headers.get("content-type")).toContain("text/event-stream");
    await s.until(() => s.comments.includes("connected"));

    await guestJoin(base, token, "Someone");
    await owner.patch(`/rooms/${token}`, { context: renamed });
    await s.until((es) => es.some((e) => e.event === "room-context"));
    // The public subset only: no participants, no plaintext name.
    expect(s.events.map((e) => e.event)).toEqual(["room-context"]);
    expect(s.events[0].data).toEqual({ roomToken: token, roomOwner: "Alice", roomUrl: `${base}/${token}`, context: renamed });
    expect(JSON.stringify(s.events)).not.toContain("Someone");

    await owner.del(`/rooms/${token}`);
    await s.until((es) => es.some((e) => e.event === "room-closed"));
    expect(s.of("room-closed")[0].data).toEqual({ reason: "deleted" });
    await expect.poll(() => s.ended).toBe(true);
  });

  it("an unknown or malformed room → 404 / 105 in the Loop envelope", async () => {
    const r = await openSse(`${base}/rooms/AAAAAAAAAAAAAAAAAAAAAA/events`);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 404, errno: 105 });
    const bad = await anon.get("/rooms/x!/events", { auth: "none" });
    expect(bad.status).toBe(404);
  });

  it("a legacy plaintext rename reaches the stream as roomName", async () => {
    const owner = await device(base);
    const token = await createRoom(owner, { context: undefined, roomName: "Before" });
    const s = await openSse(`${base}/rooms/${token}/events`);
    await s.until(() => s.comments.includes("connected"));
    await owner.patch(`/rooms/${token}`, { roomName: "After" });
    await s.until((es) => es.some((e) => e.event === "room-context"));
    expect(s.events[0].data).toMatchObject({ roomToken: token, roomName: "After" });
    expect(s.events[0].data).not.toHaveProperty("context");
    s.close();
  });
});
