import { describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { manualClock, setClock } from "@/lib/clock";
import { createRoom } from "@/lib/rooms/create";
import { bulkDeleteRooms, deleteRoom } from "@/lib/rooms/delete";
import { joinRoom } from "@/lib/rooms/join";
import { watchRoom } from "@/lib/rooms/live";
import { sweepRooms } from "@/lib/rooms/sweep";
import { updateRoom } from "@/lib/rooms/update";
import { waitFor } from "../support/wait";

/**
 * Live room state (contract §6) as one open stream sees it, against a real database and the
 * injected clock: a rename arrives as the new *encrypted* context, a delete and an expiry end
 * the stream with their reason. Expiry needs no sweeper run: the stream checks the clock.
 */
const clock = manualClock(Date.UTC(2026, 0, 1));
setClock(clock);

let n = 0;
const owner = (): Extract<Caller, { kind: "hawk" }> => ({ kind: "hawk", sessionHmac: `s-${++n}`, userMac: `mac-live-${n}`, userId: null });
const ctx = (v: string) => ({ value: v, alg: "AES-GCM", wrappedKey: "wrapped" });

async function watch(token: string) {
  const events: { event?: string; data: unknown }[] = [];
  let closed = 0;
  const stop = await watchRoom(token, (e) => events.push(e), () => closed++);
  return { events, stop, closedCount: () => closed };
}

const until = (check: () => boolean) => waitFor(check);

describe("watchRoom", () => {
  it("a rename reaches the stream as the new ciphertext, never in clear", async () => {
    const o = owner();
    const { roomToken } = await createRoom(o.userMac, { roomOwner: "Alice", context: ctx("old-ciphertext"), maxSize: 5 });
    const w = await watch(roomToken);
    await updateRoom(roomToken, o, { context: ctx("new-ciphertext") });
    await until(() => w.events.length > 0);
    expect(w.events[0]).toEqual({
      event: "room-context",
      data: { roomToken, roomOwner: "Alice", roomUrl: `http://loop.test/${roomToken}`, context: ctx("new-ciphertext") },
    });
    // A PATCH of the lifetime alone says nothing to the room's people.
    await updateRoom(roomToken, o, { expiresIn: 5 });
    await updateRoom(roomToken, o, { roomOwner: "Alice B." });
    await until(() => w.events.length > 1);
    expect(w.events.map((e) => e.event)).toEqual(["room-context", "room-context"]);
    expect(w.closedCount()).toBe(0);
    w.stop();
  });

  it("deleting the room ends the stream with reason deleted; so does a bulk delete", async () => {
    const o = owner();
    const a = await createRoom(o.userMac, { roomOwner: "A", context: ctx("a"), maxSize: 5 });
    const b = await createRoom(o.userMac, { roomOwner: "A", context: ctx("b"), maxSize: 5 });
    const wa = await watch(a.roomToken);
    const wb = await watch(b.roomToken);
    await deleteRoom(a.roomToken, o);
    await until(() => wa.closedCount() > 0);
    expect(wa.events).toEqual([{ event: "room-closed", data: { reason: "deleted" } }]);
    await bulkDeleteRooms(o.userMac, [b.roomToken]);
    await until(() => wb.closedCount() > 0);
    expect(wb.events).toEqual([{ event: "room-closed", data: { reason: "deleted" } }]);
  });

  it("a room reaching its expiry ends the stream with reason expired, without a sweep", async () => {
    const o = owner();
    const { roomToken } = await createRoom(o.userMac, { roomOwner: "A", context: ctx("x"), maxSize: 5, expiresIn: 1 });
    const w = await watch(roomToken);
    clock.advance(3600 * 1000 - 5000);
    // Not yet: the stream keeps quiet while the room lives.
    await updateRoom(roomToken, o, { roomOwner: "still here" });
    await until(() => w.events.length === 1);
    expect(w.events[0].event).toBe("room-context");
    clock.advance(6000);
    await until(() => w.closedCount() > 0);
    expect(w.events.at(-1)).toEqual({ event: "room-closed", data: { reason: "expired" } });
  });

  it("a lifetime moved later by a PATCH or a join is followed, and its end is announced", async () => {
    const o = owner();
    const { roomToken } = await createRoom(o.userMac, { roomOwner: "A", context: ctx("x"), maxSize: 5, expiresIn: 1 });
    const w = await watch(roomToken);
    await updateRoom(roomToken, o, { expiresIn: 3 });
    clock.advance(2 * 3600 * 1000);
    // Past the first expiry: the stream re-reads the room and keeps going.
    await joinRoom(roomToken, { kind: "anonymous" }, { action: "join", displayName: "G", clientMaxSize: 5 }).catch(() => undefined);
    await updateRoom(roomToken, o, { roomOwner: "B" });
    await until(() => w.events.length === 1);
    expect(w.events[0].event).toBe("room-context");
    expect(w.closedCount()).toBe(0);
    clock.advance(2000 * 3600 * 1000);
    await sweepRooms();
    await until(() => w.closedCount() > 0);
    expect(w.events.at(-1)).toEqual({ event: "room-closed", data: { reason: "expired" } });
  });
});
