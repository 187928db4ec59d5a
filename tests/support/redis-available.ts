import { spawnSync } from "node:child_process";

/**
 * Multi-instance tests start a Redis server of their own. A user's fresh machine may have none
 * (the README's commands must not need one): those suites are then skipped, saying why.
 */
export const hasRedisServer = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;

if (!hasRedisServer) {
  console.warn("redis-server is not installed: skipping the multi-instance (Redis) tests");
}
