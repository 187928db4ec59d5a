import { userMacFor } from "../crypto";
import { clear, hit, limits, retryAfter } from "../auth/throttle";

/**
 * Wrong-password throttling: per account (keyed by its userMac, never the e-mail itself) and
 * per client address. A successful sign-in clears the account's counter.
 */
const accountKey = (email: string) => `signin:${userMacFor(email)}`;
const addressKey = (address: string) => `signin-addr:${address}`;

/** Seconds to wait before another attempt, or 0. */
export async function checkSignIn(email: string, address: string): Promise<number> {
  const [a, b] = await Promise.all([
    retryAfter(accountKey(email), limits.signInPerAccount),
    retryAfter(addressKey(address), limits.signInPerAddress),
  ]);
  return Math.max(a, b);
}

export async function recordFailure(email: string, address: string) {
  await Promise.all([hit(accountKey(email), limits.signInPerAccount), hit(addressKey(address), limits.signInPerAddress)]);
}

export async function clearFailures(email: string) {
  await clear(accountKey(email));
}
