import { clock } from "../clock";
import { redis } from "../redis";
import { processState } from "../process-state";

/**
 * Remembers Hawk nonces for the skew window, so a replayed request is refused. In memory for
 * one instance; in Redis (SET NX EX) when several instances share REDIS_URL.
 */
const mem = processState("hawkNonces", () => ({ seen: new Map<string, number>(), lastSweep: 0 }));
const seen = mem.seen;

export async function nonceSeen(key: string, ttlSec: number): Promise<boolean> {
  const r = redis();
  if (r) return (await r.set(`hawk-nonce:${key}`, "1", "EX", ttlSec, "NX")) !== "OK";
  const now = clock.nowMs();
  if (now - mem.lastSweep > 10_000) {
    mem.lastSweep = now;
    for (const [k, exp] of seen) if (exp <= now) seen.delete(k);
  }
  const exp = seen.get(key);
  if (exp && exp > now) return true;
  seen.set(key, now + ttlSec * 1000);
  return false;
}
