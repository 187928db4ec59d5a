import Redis from "ioredis";
import { config } from "./config";
import { processState } from "./process-state";

/**
 * Shared Redis connections, only when REDIS_URL is set (several instances): one client per
 * process, and every connection opened (so a clean stop can close them all).
 */
const shared = processState<{ client?: Redis | null; open: Set<Redis> }>("redis", () => ({ open: new Set() }));
const open = shared.open;

function track(r: Redis) {
  open.add(r);
  r.once("end", () => open.delete(r));
  return r;
}

export function redis(): Redis | null {
  if (shared.client === undefined) {
    const url = config().redisUrl;
    shared.client = url ? track(new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false })) : null;
  }
  return shared.client;
}

/** A dedicated connection for SUBSCRIBE (a subscribed connection cannot run other commands). */
export function redisSubscriber(): Redis | null {
  const url = config().redisUrl;
  return url ? track(new Redis(url, { maxRetriesPerRequest: null })) : null;
}

/** Closes every Redis connection of the process (clean stop). */
export async function closeRedisConnections() {
  await Promise.allSettled([...open].map((r) => r.quit().catch(() => r.disconnect())));
  open.clear();
}
