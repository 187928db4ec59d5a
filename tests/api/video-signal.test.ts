import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { createRoom, device, guestJoin, openSse } from "./rooms-support";

/**
 * The p2p signaling relay over HTTP (contract §5): two participants of a room exchange
 * messages through GET (SSE) and POST /video/signal; a non-participant and a participant who
 * left or whose token is bad are refused.
 */
const base = inject("apiUrl");
const anon = new LoopClient(base);
const signalUrl = (token?: string) => `${base}/video/signal${token ? `?token=${encodeURIComponent(token)}` : ""}`;

async function post(token: string, body: unknown, via: "header" | "query" = "header") {
  const res = await fetch(via === "query" ? signalUrl(token) : signalUrl(), {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(via === "header" ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe("/video/signal", () => {
  it("two participants exchange offer, answer, candidates and bye; presence and peer-left", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const a = (await owner.post(`/rooms/${token}`, { action: "join", displayName: "Alice", clientMaxSize: 5 })).body;
    const b = (await guestJoin(base, token, "Bob")).body;

    const sa = await openSse(signalUrl(a.sessionToken)); // EventSource style: token in the query
    expect(sa.status).toBe(200);
    await sa.until((es) => es.some((e) => e.event === "welcome"));
    expect(sa.events[0]).toMatchObject({ event: "welcome", data: { self: a.roomConnectionId, sessionId: a.sessionId, iceServers: [] } });

    const sb = await openSse(signalUrl(), { Authorization: `Bearer ${b.sessionToken}` }); // fetch style: header
    await sb.until((es) => es.some((e) => e.event === "peer"));
    await sa.until((es) => es.some((e) => e.event === "peer"));
    expect(sb.of("peer").map((e) => e.data)).toEqual([{ id: a.roomConnectionId, name: "Alice", offer: false }]);
    expect(sa.of("peer").map((e) => e.data)).toEqual([{ id: b.roomConnectionId, name: "Bob", offer: true }]);

    const offer = { type: "offer", sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n" };
    expect((await post(b.sessionToken, { to: a.roomConnectionId, type: "description", data: offer })).status).toBe(204);
    expect((await post(a.sessionToken, { to: b.roomConnectionId, type: "description", data: { type: "answer", sdp: "v=0" } }, "query")).status).toBe(204);
    await post(a.sessionToken, { to: b.roomConnectionId, type: "candidate", data: { candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host", sdpMid: "0" } });
    await post(a.sessionToken, { to: b.roomConnectionId, type: "candidate", data: null });

    await sa.until((es) => es.some((e) => e.event === "signal"));
    expect(sa.of("signal").map((e) => e.data)).toEqual([{ from: b.roomConnectionId, type: "description", data: offer }]);
    const got = await sb.until((es) => es.filter((e) => e.event === "signal").length === 3);
    expect(got.filter((e) => e.event === "signal").map((e) => e.data.type)).toEqual(["description", "candidate", "candidate"]);
    expect(sb.of("signal").at(-1)!.data).toEqual({ from: a.roomConnectionId, type: "candidate", data: null });

    sb.close();
    await sa.until((es) => es.some((e) => e.event === "peer-left"));
    expect(sa.of("peer-left").map((e) => e.data)).toEqual([{ id: b.roomConnectionId }]);
    sa.close();
  });

  it("a second stream of the same participant replaces the first", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const b = (await guestJoin(base, token, "Bob")).body;
    const tab1 = await openSse(signalUrl(b.sessionToken));
    await tab1.until((es) => es.some((e) => e.event === "welcome"));
    const tab2 = await openSse(signalUrl(b.sessionToken));
    await tab1.until((es) => es.some((e) => e.event === "replaced"));
    await tab1.until(() => tab1.ended).catch(() => {});
    expect(tab1.ended).toBe(true);
    tab2.close();
  });

  it("refuses a bad token (401 / 110), a non-participant (403 / 999) and a participant who left", async () => {
    const none = await openSse(signalUrl());
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ errno: 110 });
    const bad = await openSse(signalUrl("p2p1.e30.c2ln"));
    expect(bad.status).toBe(401);

    const owner = await device(base);
    const token = await createRoom(owner);
    const a = (await guestJoin(base, token, "Ann")).body;
    const b = (await guestJoin(base, token, "Bob")).body;
    expect((await anon.post(`/rooms/${token}`, { action: "leave" }, { auth: { basic: b.sessionToken } })).status).toBe(204);
    const left = await openSse(signalUrl(b.sessionToken));
    expect(left.status).toBe(403);
    expect(left.body).toMatchObject({ code: 403, errno: 999, error: "Not a participant." });
    const leftPost = await post(b.sessionToken, { to: a.roomConnectionId, type: "bye", data: {} });
    expect(leftPost.status).toBe(403);

    // The room's deletion ends everybody's participation.
    await owner.del(`/rooms/${token}`);
    expect((await post(a.sessionToken, { to: b.roomConnectionId, type: "bye" })).status).toBe(403);

    // A guest's Basic credential is not a signaling token, nor is a Hawk header.
    const c = (await guestJoin(base, await createRoom(owner), "Cy")).body;
    const basicAuth = await fetch(signalUrl(), { headers: { Authorization: `Basic ${Buffer.from(c.sessionToken).toString("base64")}` } });
    expect(basicAuth.status).toBe(401);
  });

  it("our web client's join on the stream: the join's answer as `joined`, then the signaling stream, in one request", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const joinUrl = `${base}/video/signal/join/${token}`;
    const a = await openSse(joinUrl, {}, { method: "POST", body: { action: "join", displayName: "Ann", clientMaxSize: 5 } });
    expect(a.status).toBe(200);
    expect(a.headers.get("content-type")).toMatch(/^text\/event-stream/);
    await a.until((es) => es.some((e) => e.event === "welcome"));
    const joined = a.events[0];
    expect(joined.event).toBe("joined");
    // Exactly what POST /rooms/{token} answers a join.
    expect(Object.keys(joined.data).sort()).toEqual(["apiKey", "expires", "provider", "roomConnectionId", "sessionId", "sessionToken"]);
    expect(joined.data).toMatchObject({ provider: "p2p", apiKey: "p2p" });
    expect(a.events[1]).toMatchObject({ event: "welcome", data: { self: joined.data.roomConnectionId, sessionId: joined.data.sessionId } });

    // The seat is real: the owner sees Ann, and the classic join + stream meets her.
    const room = await owner.get(`/rooms/${token}`);
    expect(room.body.participants.map((p: { displayName: string }) => p.displayName)).toEqual(["Ann"]);
    const b = (await guestJoin(base, token, "Bob")).body;
    expect(b.sessionId).toBe(joined.data.sessionId);
    const sb = await openSse(signalUrl(b.sessionToken));
    await sb.until((es) => es.some((e) => e.event === "peer"));
    expect(sb.of("peer").map((e) => e.data)).toEqual([{ id: joined.data.roomConnectionId, name: "Ann", offer: false }]);
    await a.until((es) => es.some((e) => e.event === "peer"));
    expect(a.of("peer").map((e) => e.data)).toEqual([{ id: b.roomConnectionId, name: "Bob", offer: true }]);
    // Messages reach Ann on the join's stream, and her token posts like any other.
    expect((await post(b.sessionToken, { to: joined.data.roomConnectionId, type: "description", data: { type: "offer", sdp: "v=0" } })).status).toBe(204);
    await a.until((es) => es.some((e) => e.event === "signal"));
    expect(a.of("signal")[0].data).toEqual({ from: b.roomConnectionId, type: "description", data: { type: "offer", sdp: "v=0" } });
    expect((await post(joined.data.sessionToken, { to: b.roomConnectionId, type: "bye" })).status).toBe(204);

    // The join's token opens a plain stream later too (the client's reconnection): it replaces this one.
    const again = await openSse(signalUrl(joined.data.sessionToken));
    await a.until((es) => es.some((e) => e.event === "replaced"));
    again.close();
    sb.close();
  });

  it("the join on the stream fails as the room's join does: JSON error envelope, no seat taken", async () => {
    const owner = await device(base);
    const token = await createRoom(owner, { maxSize: 2 });
    const join = (t: string, body: unknown) => openSse(`${base}/video/signal/join/${t}`, {}, { method: "POST", body });
    const missing = await join(token, { clientMaxSize: 5 });
    expect(missing.status).toBe(400);
    expect(missing.headers.get("content-type")).toMatch(/^application\/json/);
    expect(missing.body).toMatchObject({ code: 400, errno: 108 });
    const unknown = await join("aaaaaaaaaaaaaaaaaaaaaa", { displayName: "X", clientMaxSize: 5 });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 404, errno: 105 });
    expect((await owner.get(`/rooms/${token}`)).body.participants).toEqual([]);

    // Full room: the same errno as POST /rooms/{token} (202), and nobody more in the room.
    await guestJoin(base, token, "One");
    await guestJoin(base, token, "Two");
    const before = (await owner.get(`/rooms/${token}`)).body.participants;
    expect((await guestJoin(base, token, "Three")).body).toMatchObject({ errno: 202 });
    const full = await join(token, { displayName: "Three", clientMaxSize: 5 });
    expect(full.status).toBe(400);
    expect(full.body).toMatchObject({ errno: 202 });
    expect((await owner.get(`/rooms/${token}`)).body.participants).toEqual(before);
  });

  it("validates messages: missing `to`/`type` → 108, bad type → 107, over 64 KB → 413", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const a = (await guestJoin(base, token, "Ann")).body;
    expect((await post(a.sessionToken, { data: 1 })).body).toMatchObject({ errno: 108, error: "Missing: to, type" });
    expect((await post(a.sessionToken, { to: "x", type: "<script>" })).body).toMatchObject({ errno: 107 });
    const big = await post(a.sessionToken, { to: "x", type: "description", data: "x".repeat(70 * 1024) });
    expect(big.status).toBe(413);
  });
});
