import Redis from "ioredis";
import { config } from "./config";

/** Shared Redis connections, only when REDIS_URL is set (several instances). */
let client: Redis | null | undefined;

// Every connection opened in this process (Next may load this module once per bundle), so a
// clean stop can close them all.
const g = globalThis as typeof globalThis & { __loopRedisConnections?: Set<Redis> };
const open = (g.__loopRedisConnections ??= new Set());

function track(r: Redis) {
  open.add(r);
  r.once("end", () => open.delete(r));
  return r;
}

export function redis(): Redis | null {
  if (client === undefined) {
    const url = config().redisUrl;
    client = url ? track(new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false })) : null;
  }
  return client;
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
