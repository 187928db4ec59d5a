import { clock } from "../clock";
import { redis } from "../redis";

/**
 * Remembers Hawk nonces for the skew window, so a replayed request is refused. In memory for
 * one instance; in Redis (SET NX EX) when several instances share REDIS_URL.
 */
const seen = new Map<string, number>();
let lastSweep = 0;

export async function nonceSeen(key: string, ttlSec: number): Promise<boolean> {
  const r = redis();
  if (r) return (await r.set(`hawk-nonce:${key}`, "1", "EX", ttlSec, "NX")) !== "OK";
  const now = clock.nowMs();
  if (now - lastSweep > 10_000) {
    lastSweep = now;
    for (const [k, exp] of seen) if (exp <= now) seen.delete(k);
  }
  const exp = seen.get(key);
  if (exp && exp > now) return true;
  seen.set(key, now + ttlSec * 1000);
  return false;
}
