import Redis from "ioredis";
import { config } from "./config";

/** Shared Redis connections, only when REDIS_URL is set (several instances). */
let client: Redis | null | undefined;

export function redis(): Redis | null {
  if (client === undefined) {
    const url = config().redisUrl;
    client = url ? new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false }) : null;
  }
  return client;
}

/** A dedicated connection for SUBSCRIBE (a subscribed connection cannot run other commands). */
export function redisSubscriber(): Redis | null {
  const url = config().redisUrl;
  return url ? new Redis(url, { maxRetriesPerRequest: null }) : null;
}
