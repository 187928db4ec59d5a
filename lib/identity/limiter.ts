import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { errors } from "../http/errors";
import { redis } from "../redis";

/**
 * Send throttles of the identity flows (contract §9): in memory for one instance, in Redis
 * when REDIS_URL is set so several instances share them. Over a limit → 429 / 116 with
 * Retry-After. (The general limiter of the abuse work may replace this module at merge.)
 */
type Spec = { points: number; durationSec: number };

export const identityLimits = {
  /** codes sent to one number */
  smsPerNumber: { points: 3, durationSec: 10 * 60 },
  /** distinct numbers one caller (session or account) asks codes for */
  numbersPerCaller: { points: 10, durationSec: 60 * 60 },
  /** distinct numbers asked from one client address (several people may share one) */
  numbersPerAddress: { points: 30, durationSec: 60 * 60 },
  /** verification mails to one address */
  mailsPerAddress: { points: 3, durationSec: 10 * 60 },
  /** verification mails one client address triggers (sign-up claims, resends) */
  mailsPerClient: { points: 100, durationSec: 60 * 60 },
} satisfies Record<string, Spec>;

type Name = keyof typeof identityLimits | "seenNumber";

const limiters = new Map<Name, RateLimiterAbstract>();

function limiter(name: Name): RateLimiterAbstract {
  let l = limiters.get(name);
  if (!l) {
    const spec: Spec = name === "seenNumber" ? { points: 1, durationSec: 60 * 60 } : identityLimits[name];
    const r = redis();
    const opts = { keyPrefix: `identity:${name}`, points: spec.points, duration: spec.durationSec };
    l = r ? new RateLimiterRedis({ ...opts, storeClient: r }) : new RateLimiterMemory(opts);
    limiters.set(name, l);
  }
  return l;
}

const retryAfterOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Seconds to wait before `key` may consume one more point of `name`, 0 when it may now. */
async function waitFor(name: Name, key: string): Promise<number> {
  const res = await limiter(name).get(key);
  if (!res) return 0;
  const spec = name === "seenNumber" ? { points: 1 } : identityLimits[name];
  return res.consumedPoints >= spec.points ? retryAfterOf(res) : 0;
}

/**
 * Checks every (limit, key) first and consumes them only when all allow it, so a refused
 * request does not use up another limit. Throws 429 / 116 with the longest wait.
 */
export async function consumeAll(entries: [keyof typeof identityLimits, string][]): Promise<void> {
  const waits = await Promise.all(entries.map(([n, k]) => waitFor(n, k)));
  const wait = Math.max(0, ...waits);
  if (wait > 0) throw errors.tooManyRequests(wait);
  for (const [n, k] of entries) {
    try {
      await limiter(n).consume(k);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw errors.tooManyRequests(retryAfterOf(e));
      throw e;
    }
  }
}

/** Whether `key` was already marked within the hour (a number this caller asked for already). */
export async function seenRecently(key: string): Promise<boolean> {
  return (await waitFor("seenNumber", key)) > 0;
}

export async function markSeen(key: string): Promise<void> {
  await limiter("seenNumber").penalty(key, 1);
}
