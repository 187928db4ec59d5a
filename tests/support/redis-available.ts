import { spawnSync } from "node:child_process";

/**
 * Multi-instance tests start a Redis server of their own. A user's fresh machine may have none
 * (the README's commands must not need one): those suites are then skipped, saying why.
 */
export const hasRedisServer = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;

if (!hasRedisServer) {
  console.warn("redis-server is not installed: skipping the multi-instance (Redis) tests");
}

/**
 * Two app instances sharing one database and a Redis server of their own (REDIS_URL), as
 * several instances behind a load balancer run. Start it only when `hasRedisServer`.
 */
export async function startRedisPair(label: string, env: Record<string, string> = {}) {
  const { spawn } = await import("node:child_process");
  const { freePort, startServer } = await import("./server");
  const { createTestDatabase } = await import("./test-db");
  const port = await freePort();
  const redis = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const redisUrl = `redis://127.0.0.1:${port}`;
  const database = await createTestDatabase(label);
  const shared = { REDIS_URL: redisUrl, LOG_LEVEL: "warn", ...env };
  // One after the other: the first applies the migrations.
  const one = await startServer(shared, `${label}-1`, { database });
  const two = await startServer(shared, `${label}-2`, { database });
  return {
    one,
    two,
    redisUrl,
    database,
    stop: async () => {
      await one.stop();
      await two.stop();
      await database.drop();
      redis.kill();
    },
  };
}
