import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { hasRedisServer, startRedisPair } from "../support/redis-available";
import type { RunningServer } from "../support/server";

/**
 * With REDIS_URL, a limit holds across instances (issue 11): the counters live in Redis, and
 * every counter key expires (no key without a TTL, so nobody is refused forever).
 */
let pair: Awaited<ReturnType<typeof startRedisPair>> | undefined;
let one: RunningServer;
let two: RunningServer;

beforeAll(async () => {
  if (!hasRedisServer) return;
  pair = await startRedisPair("limits-redis", { TRUST_PROXY: "1", LIMIT_REGISTRATION_PER_ADDRESS: "3/600" });
  ({ one: one, two: two } = pair);
}, 180_000);

afterAll(async () => {
  await pair?.stop();
});

describe.skipIf(!hasRedisServer)("limits across instances (Redis)", { timeout: 60_000 }, () => {
  it("registrations from one address are counted together on both instances; keys expire", async () => {
    const reg = (base: string) =>
      new LoopClient(base).request("POST", "/registration", { body: {}, auth: "none", headers: { "X-Forwarded-For": "203.0.113.77" } });
    expect((await reg(one.url)).status).toBe(200);
    expect((await reg(two.url)).status).toBe(200);
    expect((await reg(one.url)).status).toBe(200);
    for (const base of [two.url, one.url]) {
      const r = await reg(base);
      expect(r.status).toBe(429);
      expect(r.body).toMatchObject({ code: 429, errno: 116 });
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const client = new Redis(pair!.redisUrl);
    try {
      const keys = await client.keys("loop:rl:*");
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) {
        const ttl = await client.pttl(k);
        expect(ttl, k).toBeGreaterThan(0);
        expect(ttl, k).toBeLessThanOrEqual(600_000);
      }
    } finally {
      client.disconnect();
    }
  });
});
