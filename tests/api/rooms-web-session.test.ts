import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { signUp } from "../support/web-user";
import { createRoom, device, guestJoin, openSse } from "./rooms-support";

/**
 * A signed-in web user uses the same rooms API with its session cookie (contract §2.2):
 * creates, lists, joins as the owner (moderator) and follows its rooms on /events. A
 * cookie-authenticated change from another origin is refused.
 */
const base = inject("apiUrl");
const c = new LoopClient(base);

describe("rooms with a web session", () => {
  it("create, list, join as owner, live events", async () => {
    const user = await signUp(base);
    const as = { auth: { cookie: user.cookie, origin: base } };
    const sse = await openSse(`${base}/events`, { Cookie: user.cookie });
    expect(sse.status).toBe(200);

    const created = await c.post("/rooms", { roomOwner: user.name, roomName: "Web room", maxSize: 3 }, as);
    expect(created.status).toBe(201);
    const token = created.body.roomToken;
    const list = await c.get("/rooms", as);
    expect(list.body.map((r: { roomToken: string }) => r.roomToken)).toEqual([token]);

    const joined = await c.post(`/rooms/${token}`, { action: "join", displayName: user.name, clientMaxSize: 3 }, as);
    expect(joined.status).toBe(200);
    const claims = JSON.parse(Buffer.from(joined.body.sessionToken.split(".")[1], "base64url").toString());
    expect(claims.role).toBe("moderator");
    const info = await c.get(`/rooms/${token}`, as);
    // A signed-in participant's account is shown to the room (stored encrypted).
    expect(info.body.participants).toEqual([
      { roomConnectionId: joined.body.roomConnectionId, displayName: user.name, account: user.email, owner: true },
    ]);

    await sse.until((es) => es.filter((e) => e.data.roomToken === token).length >= 2);
    expect(sse.events.filter((e) => e.data.roomToken === token).map((e) => e.data.reason)).toEqual(["creation", "join"]);
    // The join's event carries what the dashboard's card shows: no re-read between it and the screen.
    const joinEvent = sse.events.find((e) => e.data.roomToken === token && e.data.reason === "join")!.data;
    expect(joinEvent.participants).toEqual(info.body.participants);
    expect(joinEvent).toMatchObject({ version: info.body.ctime, expiresAt: info.body.expiresAt, clientMaxSize: info.body.clientMaxSize });

    // A guest's arrival: the event lists both, in the room's order.
    const guest = await guestJoin(base, token, "Guest");
    await sse.until((es) => es.filter((e) => e.data.roomToken === token && e.data.reason === "join").length >= 2);
    const after = await c.get(`/rooms/${token}`, as);
    const second = sse.events.filter((e) => e.data.roomToken === token && e.data.reason === "join")[1].data;
    expect(after.body.participants.map((p: { displayName: string }) => p.displayName).sort()).toEqual(["Guest", user.name].sort());
    expect(second.participants).toEqual(after.body.participants);
    expect(second.participants.map((p: { roomConnectionId: string }) => p.roomConnectionId)).toContain(guest.body.roomConnectionId);
    expect(second).toMatchObject({ version: after.body.ctime, clientMaxSize: after.body.clientMaxSize });
    sse.close();
  });

  it("a cookie-authenticated change from another origin → 403", async () => {
    const user = await signUp(base);
    const r = await c.post("/rooms", { roomOwner: "x", roomName: "x", maxSize: 2 }, { auth: { cookie: user.cookie, origin: "https://evil.example" } });
    expect(r.status).toBe(403);
    expect((await c.get("/rooms", { auth: { cookie: user.cookie } })).body).toEqual([]);
  });

  it("a signed-in stranger (neither owner nor participant) gets the public subset; a Hawk stranger still 403 / 999", async () => {
    const owner = await device(base);
    const token = await createRoom(owner, { roomOwner: "Alice" });
    await guestJoin(base, token, "Someone");
    const stranger = await signUp(base);
    const r = await c.get(`/rooms/${token}`, { auth: { cookie: stranger.cookie } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      roomToken: token,
      roomUrl: `${base}/${token}`,
      roomOwner: "Alice",
      context: { value: expect.any(String), alg: "AES-GCM", wrappedKey: expect.any(String) },
    });
    expect(r.body).not.toHaveProperty("participants");

    // Joined as a guest, the same person is a participant and gets the full info, not the owner's role.
    const joined = await c.post(`/rooms/${token}`, { action: "join", displayName: stranger.name, clientMaxSize: 5 }, { auth: { cookie: stranger.cookie, origin: base } });
    expect(joined.status).toBe(200);
    const claims = JSON.parse(Buffer.from(joined.body.sessionToken.split(".")[1], "base64url").toString());
    expect(claims.role).toBe("publisher");
    const full = await c.get(`/rooms/${token}`, { auth: { cookie: stranger.cookie } });
    expect(full.body.participants.map((p: { displayName: string; owner: boolean }) => [p.displayName, p.owner]).sort()).toEqual([
      ["Someone", false],
      [stranger.name, false],
    ]);

    const hawkStranger = await device(base);
    const h = await hawkStranger.get(`/rooms/${token}`);
    expect(h.status).toBe(403);
    expect(h.body).toMatchObject({ code: 403, errno: 999 });
  });
});
