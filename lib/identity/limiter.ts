import { errors } from "../http/errors";
import { customLimiter, type Limiter, type RateSpec } from "../limits";

/**
 * Send throttles of the identity flows (contract §9), on the project's one limiter
 * (lib/limits: rate-limiter-flexible in memory, or in Redis when REDIS_URL is set so several
 * instances share them). Over a limit → 429 / 116 with Retry-After.
 */
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
} satisfies Record<string, RateSpec>;

type Name = keyof typeof identityLimits;

const limiter = (name: Name): Limiter => customLimiter(`identity:${name}`, identityLimits[name]);
/** Marks the numbers a caller already asked for within the hour (asking again costs nothing). */
const seen = (): Limiter => customLimiter("identity:seenNumber", { points: 1, durationSec: 60 * 60 });

/**
 * Checks every (limit, key) first and consumes them only when all allow it, so a refused
 * request does not use up another limit. Throws 429 / 116 with the longest wait.
 */
export async function consumeAll(entries: [Name, string][]): Promise<void> {
  const waits = await Promise.all(entries.map(([n, k]) => limiter(n).peek(k)));
  const wait = Math.max(0, ...waits);
  if (wait > 0) throw errors.tooManyRequests(wait);
  for (const [n, k] of entries) await limiter(n).consume(k);
}

/** Whether `key` was already marked within the hour (a number this caller asked for already). */
export async function seenRecently(key: string): Promise<boolean> {
  return (await seen().peek(key)) > 0;
}

export async function markSeen(key: string): Promise<void> {
  await seen().tryConsume(key);
}
