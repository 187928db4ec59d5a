import { clock } from "../clock";
import { redis } from "../redis";

/**
 * Fixed-window attempt counters (sign-in failures, sign-ups): in memory for one instance, in
 * Redis when several instances share REDIS_URL. Keys never hold secrets (callers pass an
 * HMAC of the e-mail, or an IP address).
 */
export type Limit = { max: number; windowSec: number };

type Entry = { count: number; resetAtMs: number };
const memory = new Map<string, Entry>();
let lastSweepMs = 0;

function sweep(now: number) {
  if (now - lastSweepMs < 60_000) return;
  lastSweepMs = now;
  for (const [k, e] of memory) if (e.resetAtMs <= now) memory.delete(k);
}

/** Seconds until `key` may try again, or 0 when it is under its limit. */
export async function retryAfter(key: string, limit: Limit): Promise<number> {
  const r = redis();
  if (r) {
    const [count, ttl] = await Promise.all([r.get(`throttle:${key}`), r.pttl(`throttle:${key}`)]);
    return Number(count ?? 0) >= limit.max ? Math.max(1, Math.ceil(ttl / 1000)) : 0;
  }
  const now = clock.nowMs();
  const e = memory.get(key);
  if (!e || e.resetAtMs <= now || e.count < limit.max) return 0;
  return Math.max(1, Math.ceil((e.resetAtMs - now) / 1000));
}

/** Counts one attempt against `key`. */
export async function hit(key: string, limit: Limit): Promise<void> {
  const r = redis();
  if (r) {
    const k = `throttle:${key}`;
    const n = await r.incr(k);
    if (n === 1) await r.expire(k, limit.windowSec);
    return;
  }
  const now = clock.nowMs();
  sweep(now);
  const e = memory.get(key);
  if (!e || e.resetAtMs <= now) memory.set(key, { count: 1, resetAtMs: now + limit.windowSec * 1000 });
  else e.count++;
}

/** Forgets `key` (a successful sign-in clears that account's failures). */
export async function clear(key: string): Promise<void> {
  const r = redis();
  if (r) await r.del(`throttle:${key}`);
  else memory.delete(key);
}

/** The limits, named by what they protect. */
export const limits = {
  /** wrong passwords for one account: a guessing attack on that account */
  signInPerAccount: { max: 5, windowSec: 15 * 60 },
  /** wrong passwords from one address, across accounts */
  signInPerAddress: { max: 50, windowSec: 15 * 60 },
  /** new accounts from one address */
  signUpPerAddress: { max: 100, windowSec: 60 * 60 },
  /** sign-ups refused because the e-mail has an account: probing which e-mails exist */
  signUpTakenPerAddress: { max: 10, windowSec: 15 * 60 },
} satisfies Record<string, Limit>;

/** The client address as our front end reports it (first X-Forwarded-For hop), for throttling only. */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const get = (name: string) => {
    if (headers instanceof Headers) return headers.get(name);
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v ?? null;
  };
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || get("x-real-ip") || "unknown";
}
