import { describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { verifyGuestToken } from "@/lib/auth/guest";
import { manualClock, setClock } from "@/lib/clock";
import { createRoom } from "@/lib/rooms/create";
import { joinRoom } from "@/lib/rooms/join";
import { registerRoomMembership } from "@/lib/rooms/membership";
import { leaveRoom } from "@/lib/rooms/participation";
import { P2pProvider } from "@/lib/video/p2p";
import { authorizeSignal, openSignalStream, sendSignal } from "@/lib/video/relay";

/**
 * The p2p signaling relay's protocol, stream by stream, on the in-process bus: welcome,
 * presence both ways, directed messages, peer-left, replacement by a second tab, and who is
 * refused. (tests/api/video-signal.test.ts drives the same over HTTP.)
 */
const clock = manualClock(Date.UTC(2026, 2, 1));
setClock(clock);
registerRoomMembership();

type Got = { event?: string; data: any };
function stream() {
  const got: Got[] = [];
  let closed = false;
  return {
    got,
    send: (e: { event?: string; data: unknown }) => got.push({ event: e.event, data: e.data }),
    close: () => {
      closed = true;
    },
    get closed() {
      return closed;
    },
    events: (name: string) => got.filter((g) => g.event === name).map((g) => g.data),
  };
}

const owner: Caller = { kind: "hawk", sessionHmac: "s", userMac: "relay-owner", userId: null };
const anon: Caller = { kind: "anonymous" };

async function roomWithTwo() {
  const { roomToken } = await createRoom("relay-owner", { roomOwner: "A", roomName: "relay", maxSize: 5 });
  const a = await joinRoom(roomToken, owner, { displayName: "Alice", clientMaxSize: 5 });
  const b = await joinRoom(roomToken, anon, { displayName: "Bob", clientMaxSize: 5 });
  return { roomToken, a, b };
}

describe("p2p signaling relay", () => {
  it("welcome, presence both ways, directed messages and peer-left", async () => {
    const { a, b } = await roomWithTwo();
    const pa = await authorizeSignal(a.sessionToken);
    const pb = await authorizeSignal(b.sessionToken);
    expect(pa).toMatchObject({ id: a.roomConnectionId, name: "Alice", kind: "room", sid: a.sessionId });

    const sa = stream();
    const cleanA = await openSignalStream(pa, sa.send, sa.close);
    expect(sa.got[0]).toEqual({ event: "welcome", data: { self: a.roomConnectionId, sessionId: a.sessionId, iceServers: [] } });

    const sb = stream();
    const cleanB = await openSignalStream(pb, sb.send, sb.close);
    // The newcomer learns of Alice (her `present`), Alice learns of Bob (his `join`); Alice,
    // who was there first, makes the offer at once, the newcomer answers (issue 16).
    expect(sb.events("peer")).toEqual([{ id: a.roomConnectionId, name: "Alice", offer: false }]);
    expect(sa.events("peer")).toEqual([{ id: b.roomConnectionId, name: "Bob", offer: true }]);

    await sendSignal(pb, { to: a.roomConnectionId, type: "description", data: { type: "offer", sdp: "v=0" } });
    await sendSignal(pa, { to: b.roomConnectionId, type: "candidate", data: null });
    expect(sa.events("signal")).toEqual([{ from: b.roomConnectionId, type: "description", data: { type: "offer", sdp: "v=0" } }]);
    expect(sb.events("signal")).toEqual([{ from: a.roomConnectionId, type: "candidate", data: null }]);

    cleanB();
    expect(sa.events("peer-left")).toEqual([{ id: b.roomConnectionId }]);
    cleanA();
  });

  it("a second stream of the same participant replaces the first, without a peer-left", async () => {
    const { a, b } = await roomWithTwo();
    const pa = await authorizeSignal(a.sessionToken);
    const pb = await authorizeSignal(b.sessionToken);
    const sa = stream();
    const cleanA = await openSignalStream(pa, sa.send, sa.close);
    const tab1 = stream();
    const cleanTab1 = await openSignalStream(pb, tab1.send, tab1.close);
    const tab2 = stream();
    const cleanTab2 = await openSignalStream(pb, tab2.send, tab2.close);

    expect(tab1.events("replaced")).toHaveLength(1);
    expect(tab1.closed).toBe(true);
    cleanTab1(); // what the SSE helper runs when the stream closes
    expect(sa.events("peer-left")).toEqual([]);
    expect(sa.events("peer")).toHaveLength(2); // Bob announced again: renegotiate with the new tab

    await sendSignal(pa, { to: b.roomConnectionId, type: "bye", data: {} });
    expect(tab2.events("signal")).toHaveLength(1);
    expect(tab1.events("signal")).toHaveLength(0);
    cleanTab2();
    cleanA();
  });

  it("refuses a bad or expired token (401 / 110) and a holder who is no longer a participant (403 / 999)", async () => {
    const { roomToken, a, b } = await roomWithTwo();
    await expect(authorizeSignal(null)).rejects.toMatchObject({ code: 401, errno: 110 });
    await expect(authorizeSignal(`${a.sessionToken}x`)).rejects.toMatchObject({ code: 401, errno: 110 });

    // A correctly signed token for somebody who never joined.
    const forged = new P2pProvider().createToken(a.sessionId, {
      role: "publisher",
      subject: "not-a-participant",
      expireSec: 3600,
      data: JSON.stringify({ name: "Eve", kind: "room", ref: roomToken }),
    });
    await expect(authorizeSignal(forged)).rejects.toMatchObject({ code: 403, errno: 999, error: "Not a participant." });

    // Bob leaves: his token is still signed and unexpired, but he is out.
    await leaveRoom(roomToken, await verifyGuestToken(`Basic ${Buffer.from(b.sessionToken).toString("base64")}`));
    await expect(authorizeSignal(b.sessionToken)).rejects.toMatchObject({ code: 403 });

    // Alice's participation expires after 300 s without refresh.
    await expect(authorizeSignal(a.sessionToken)).resolves.toBeTruthy();
    clock.advance(300_000);
    await expect(authorizeSignal(a.sessionToken)).rejects.toMatchObject({ code: 403 });

    // The media token itself expires after 24 h.
    clock.advance(24 * 3600_000);
    await expect(authorizeSignal(a.sessionToken)).rejects.toMatchObject({ code: 401, errno: 110 });
  });

  it("a token of an unregistered kind opens nothing", async () => {
    const t = new P2pProvider().createToken("p2p_x", {
      role: "publisher",
      subject: "caller",
      expireSec: 60,
      data: JSON.stringify({ name: "C", kind: "nonsense", ref: "x" }),
    });
    await expect(authorizeSignal(t)).rejects.toMatchObject({ code: 403 });
  });

  it("refuses a message over 64 KB", async () => {
    const { a, b } = await roomWithTwo();
    const pa = await authorizeSignal(a.sessionToken);
    await expect(sendSignal(pa, { to: b.roomConnectionId, type: "description", data: "x".repeat(65 * 1024) })).rejects.toMatchObject({
      code: 413,
    });
  });
});
