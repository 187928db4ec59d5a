import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { createRoom, device, hawkHeader, openSse } from "./rooms-support";

/** GET /events (contract §6): the caller's live feed, with Last-Event-ID resume. */
const base = inject("apiUrl");
const url = `${base}/events`;

describe("GET /events", () => {
  it("needs Hawk or a web session: 401 / 110 otherwise", async () => {
    const r = await new LoopClient(base).get("/events", { auth: "none" });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ errno: 110 });
  });

  it("streams only the caller's own events", async () => {
    const alice = await device(base);
    const bob = await device(base);
    const a = await openSse(url, hawkHeader(alice, url));
    const b = await openSse(url, hawkHeader(bob, url));
    const token = await createRoom(alice);
    await a.until((es) => es.some((e) => e.data.roomToken === token));
    const bobs = await createRoom(bob);
    await b.until((es) => es.some((e) => e.data.roomToken === bobs));
    expect(b.events.some((e) => e.data.roomToken === token)).toBe(false);
    expect(a.events.some((e) => e.data.roomToken === bobs)).toBe(false);
    a.close();
    b.close();
  });

  it("resumes after Last-Event-ID: what happened while disconnected arrives on reconnect", async () => {
    const alice = await device(base);
    const first = await openSse(url, hawkHeader(alice, url));
    const r1 = await createRoom(alice);
    const [seen] = await first.until((es) => es.some((e) => e.data.roomToken === r1));
    first.close();

    // While no stream is open: two more changes.
    const r2 = await createRoom(alice);
    const r3 = await createRoom(alice);

    const again = await openSse(url, { ...hawkHeader(alice, url), "Last-Event-ID": seen.id! });
    const events = await again.until((es) => es.some((e) => e.data.roomToken === r3));
    expect(events.map((e) => e.data.roomToken)).toEqual([r2, r3]);
    again.close();
  });

  it("an id it cannot resume from gets `resync`", async () => {
    const alice = await device(base);
    const s = await openSse(url, { ...hawkHeader(alice, url), "Last-Event-ID": "deadbeef-12" });
    await s.until((es) => es.some((e) => e.event === "resync"));
    s.close();
  });
});
