import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoopClient } from "../support/loop-client";
import { hasRedisServer, startRedisPair } from "../support/redis-available";
import type { RunningServer } from "../support/server";
import { waitFor } from "../support/wait";
import { device, hawkHeader, openSse } from "./rooms-support";

/**
 * With REDIS_URL, the open-stream caps (contract §1 "Limits") count every instance's streams
 * (issue 11): an identity's oldest stream closes even when it lives on the other instance, an
 * address at its cap is refused on either, and a crashed instance's streams stop counting
 * once their leases (STREAMS_LEASE_SEC) run out.
 */
let pair: Awaited<ReturnType<typeof startRedisPair>> | undefined;
let one: RunningServer;
let two: RunningServer;

beforeAll(async () => {
  if (!hasRedisServer) return;
  pair = await startRedisPair("streams-redis", {
    TRUST_PROXY: "1",
    STREAMS_MAX_PER_IDENTITY: "2",
    STREAMS_MAX_PER_ADDRESS: "3",
    STREAMS_LEASE_SEC: "3",
  });
  ({ one, two } = pair);
}, 180_000);

afterAll(async () => {
  await pair?.stop();
});

let n = 0;
/** A new connected client (one identity), registered on `base` (instance one unless said). */
const client = (base = one.url) => device(base);

/** Opens `/events` on `base` as `c`, from `address` (through one trusted proxy hop). */
async function open(base: string, c: LoopClient, address: string) {
  const url = `${base}/events`;
  return openSse(url, { ...hawkHeader(c, url), "X-Forwarded-For": address });
}

describe.skipIf(!hasRedisServer)("stream caps across instances (Redis)", { timeout: 90_000 }, () => {
  it("an identity's oldest stream closes at once even when it lives on the other instance", async () => {
    const c = await client();
    const addr = (i: number) => `198.18.20.${++n * 4 + i}`;
    const s1 = await open(two.url, c, addr(1));
    const s2 = await open(one.url, c, addr(2));
    expect([s1.status, s2.status]).toEqual([200, 200]);
    // The third (on instance one) evicts the oldest, which lives on instance two.
    const s3 = await open(one.url, c, addr(3));
    expect(s3.status).toBe(200);
    await waitFor(() => s1.ended, { what: "the oldest stream (other instance) to close" });
    expect(s2.ended).toBe(false);
    // The fourth (on instance two) evicts s2, on instance one.
    const s4 = await open(two.url, c, addr(4));
    expect(s4.status).toBe(200);
    await waitFor(() => s2.ended, { what: "the next oldest stream to close" });
    expect([s3.ended, s4.ended]).toEqual([false, false]);
    for (const s of [s3, s4]) s.close();
  });

  it("an address at its cap is refused on either instance; a closed stream frees its place", async () => {
    const a = `198.18.21.${++n}`;
    const streams = [await open(one.url, await client(), a), await open(two.url, await client(), a), await open(one.url, await client(), a)];
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    for (const base of [two.url, one.url]) {
      const refused = await open(base, await client(), a);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 429, errno: 116 });
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    streams[1].close();
    const c = await client();
    const again = await waitFor(async () => {
      const s = await open(two.url, c, a);
      return s.status === 200 ? s : null;
    }, { what: "a place to free up" });
    expect(again.ended).toBe(false);
    for (const s of [streams[0], streams[2], again]) s.close();
  });

  it("every key expires; a crashed instance's streams stop counting when their leases run out", async () => {
    const a = `198.18.22.${++n}`;
    const streams = [];
    for (let i = 0; i < 3; i++) streams.push(await open(one.url, await client(), a));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    const redis = new Redis(pair!.redisUrl);
    try {
      const keys = await redis.keys("loop:streams:*");
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) {
        const ttl = await redis.pttl(k);
        expect(ttl, k).toBeGreaterThan(0);
        expect(ttl, k).toBeLessThanOrEqual(3000);
      }
    } finally {
      redis.disconnect();
    }
    expect((await open(two.url, await client(), a)).status).toBe(429);
    // Instance one dies without releasing anything; its leases run out (3 s here).
    await one.kill();
    const c = await client(two.url);
    const admitted = await waitFor(async () => {
      const s = await open(two.url, c, a);
      return s.status === 200 ? s : null;
    }, { timeoutMs: 20_000, intervalMs: 250, what: "the dead instance's leases to run out" });
    admitted.close();
  });
});
