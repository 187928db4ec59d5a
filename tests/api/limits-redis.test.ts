import { spawn, type ChildProcess } from "node:child_process";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { hasRedisServer } from "../support/redis-available";
import { freePort, startServer, type RunningServer } from "../support/server";
import { createTestDatabase } from "../support/test-db";

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/**
 * With REDIS_URL, a limit holds across instances (issue 11): the counters live in Redis, and
 * every counter key expires (no key without a TTL, so nobody is refused forever).
 */
let redis: ChildProcess;
let redisUrl = "";
let database: TestDatabase;
let one: RunningServer;
let two: RunningServer;

beforeAll(async () => {
  if (!hasRedisServer) return;
  const port = await freePort();
  redis = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  redisUrl = `redis://127.0.0.1:${port}`;
  const env = { REDIS_URL: redisUrl, TRUST_PROXY: "1", LIMIT_REGISTRATION_PER_ADDRESS: "3/600", LOG_LEVEL: "warn" };
  database = await createTestDatabase("limits-redis");
  one = await startServer(env, "limits-redis-1", { database });
  two = await startServer(env, "limits-redis-2", { database });
});
afterAll(async () => {
  await one?.stop();
  await two?.stop();
  await database?.drop();
  redis?.kill();
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
    const client = new Redis(redisUrl);
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
