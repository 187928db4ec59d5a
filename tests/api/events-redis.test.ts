import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasRedisServer, startRedisPair } from "../support/redis-available";
import type { RunningServer } from "../support/server";
import { createRoom, device, guestJoin, hawkHeader, openSse } from "./rooms-support";

/**
 * Two instances sharing one database and a Redis (REDIS_URL): live events and the p2p
 * signaling relay cross instances (contract §6). A stream on one instance sees what a
 * request on the other caused.
 */
let pair: Awaited<ReturnType<typeof startRedisPair>> | undefined;
let one: RunningServer;
let two: RunningServer;

beforeAll(async () => {
  if (!hasRedisServer) return;
  pair = await startRedisPair("redis");
  ({ one: one, two: two } = pair);
}, 180_000);

afterAll(async () => {
  await pair?.stop();
});

describe.skipIf(!hasRedisServer)("across instances over Redis", () => {
  it("/events on instance 1 streams a change made through instance 2", async () => {
    const owner = await device(one.url);
    const url = `${one.url}/events`;
    const sse = await openSse(url, hawkHeader(owner, url));
    expect(sse.status).toBe(200);
    const token = await createRoom(owner);
    await guestJoin(two.url, token, "Guest on two");
    const events = await sse.until((es) => es.some((e) => e.data.roomToken === token && e.data.reason === "join"));
    expect(events.filter((e) => e.data.roomToken === token).map((e) => e.data.reason)).toEqual(["creation", "join"]);
    sse.close();
  });

  it("two participants on different instances signal each other", async () => {
    const owner = await device(one.url);
    const token = await createRoom(owner);
    const a = (await guestJoin(one.url, token, "Ann")).body;
    const b = (await guestJoin(two.url, token, "Bob")).body;
    const sa = await openSse(`${one.url}/video/signal?token=${encodeURIComponent(a.sessionToken)}`);
    await sa.until((es) => es.some((e) => e.event === "welcome"));
    const sb = await openSse(`${two.url}/video/signal?token=${encodeURIComponent(b.sessionToken)}`);
    await sb.until((es) => es.some((e) => e.event === "peer"));
    await sa.until((es) => es.some((e) => e.event === "peer"));
    expect(sb.of("peer")[0].data).toEqual({ id: a.roomConnectionId, name: "Ann", offer: false });
    expect(sa.of("peer")[0].data).toEqual({ id: b.roomConnectionId, name: "Bob", offer: true });

    const res = await fetch(`${one.url}/video/signal`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${a.sessionToken}` },
      body: JSON.stringify({ to: b.roomConnectionId, type: "description", data: { type: "offer", sdp: "v=0" } }),
    });
    expect(res.status).toBe(204);
    await sb.until((es) => es.some((e) => e.event === "signal"));
    expect(sb.of("signal")[0].data).toEqual({ from: a.roomConnectionId, type: "description", data: { type: "offer", sdp: "v=0" } });
    sb.close();
    await sa.until((es) => es.some((e) => e.event === "peer-left"));
    sa.close();
  });
});
