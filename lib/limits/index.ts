import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { config, type LimitName } from "../config";
import { errors, LoopError } from "../http/errors";
import { log } from "../log";
import { redis } from "../redis";
import { processState } from "../process-state";

/**
 * Rate limits (contract §1 "Limits"): rate-limiter-flexible counters, in memory for one
 * instance or in Redis when REDIS_URL is set (so a limit holds across instances; a Redis
 * outage falls back to memory instead of failing requests). Every limit is named, and
 * configured by `LIMIT_<NAME>=<points>/<seconds>` (lib/config.ts LIMIT_DEFAULTS, docs/limits.md).
 *
 *   await limit("ROOM_CREATE_PER_USER").consume(userMac);   // throws 429 / 116 + Retry-After
 *
 * Keys never hold secrets: pass an address, a userMac or another HMAC.
 */
export type RateSpec = { points: number; durationSec: number };

export class Limiter {
  private readonly store: RateLimiterAbstract;
  constructor(
    readonly name: string,
    readonly spec: RateSpec,
  ) {
    const keyPrefix = `loop:rl:${name}`;
    const r = redis();
    const memory = new RateLimiterMemory({ keyPrefix, points: spec.points, duration: spec.durationSec });
    this.store = r
      ? new RateLimiterRedis({
          storeClient: r,
          keyPrefix,
          points: spec.points,
          duration: spec.durationSec,
          // Commands wait for the connection (ioredis queues them); when Redis fails, the
          // memory limiter stands in instead of failing the request.
          insuranceLimiter: memory,
        })
      : memory;
  }

  /** Keys are hashed: a token used as a key never sits in Redis in the clear. */
  private k(key: string) {
    return createHash("sha256").update(key).digest("base64url").slice(0, 24);
  }

  /** Counts `points` against `key`; throws 429 / 116 with Retry-After when over the limit. */
  async consume(key: string, points = 1): Promise<void> {
    const wait = await this.tryConsume(key, points);
    if (wait) throw errors.tooManyRequests(wait);
  }

  /** Like consume, but answers the seconds to wait (0 = allowed) instead of throwing. */
  async tryConsume(key: string, points = 1): Promise<number> {
    if (this.spec.points <= 0) return this.spec.durationSec;
    try {
      await this.store.consume(this.k(key), points);
      return 0;
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        log.info("limit.refused", { limit: this.name });
        return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      }
      // The store failed and had no insurance: let the request through rather than 5xx.
      log.warn("limit.store_failed", { limit: this.name, error: (e as Error).message });
      return 0;
    }
  }

  /** Seconds until `key` may act again (0 = under the limit), without counting anything. */
  async peek(key: string): Promise<number> {
    try {
      const res = await this.store.get(this.k(key));
      if (!res || res.consumedPoints < this.spec.points) return 0;
      return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    } catch {
      return 0;
    }
  }

  /** Points consumed by `key` in the current window. */
  async used(key: string): Promise<number> {
    try {
      return (await this.store.get(this.k(key)))?.consumedPoints ?? 0;
    } catch {
      return 0;
    }
  }

  /** Gives points back (an attempt that turned out fine). */
  async refund(key: string, points = 1): Promise<void> {
    await this.store.reward(this.k(key), points).catch(() => {});
  }

  /** Forgets `key` altogether. */
  async reset(key: string): Promise<void> {
    await this.store.delete(this.k(key)).catch(() => {});
  }
}

// One set of counters per process: route bundles each get their own copy of this module.
const built = processState("limiters", () => new Map<string, Limiter>());

/** The configured limiter of that name (built once per process). */
export function limit(name: LimitName): Limiter {
  let l = built.get(name);
  if (!l) {
    l = new Limiter(name, config().limits[name]);
    built.set(name, l);
  }
  return l;
}

/** A limiter with a spec of the caller's own (another module's limits, tests). */
export function customLimiter(name: string, spec: RateSpec): Limiter {
  const key = `${name}:${spec.points}/${spec.durationSec}`;
  let l = built.get(key);
  if (!l) {
    l = new Limiter(name, spec);
    built.set(key, l);
  }
  return l;
}

/** Consumes one point of each `[limit, key]` pair; the first refusal throws (all are counted). */
export async function consumeAll(pairs: [LimitName, string][]): Promise<void> {
  const waits = await Promise.all(pairs.map(([n, k]) => limit(n).tryConsume(k)));
  const wait = Math.max(0, ...waits);
  if (wait) throw errors.tooManyRequests(wait);
}

/** A cap reached (too many of something at once): 429 / 116 with a clear message. */
export function capReached(what: string, max: number, retryAfterSec = 60): LoopError {
  return new LoopError(429, 116, "Too Many Requests", {
    message: `You have reached the limit of ${max} ${what}.`,
    headers: { "Retry-After": String(retryAfterSec) },
  });
}
