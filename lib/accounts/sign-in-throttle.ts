import { userMacFor } from "../crypto";
import { limit } from "../limits";

/**
 * Password sign-in throttling (contract §1 "Limits"). Attempts are counted *before* the
 * password is checked (so N parallel guesses are N attempts), atomically, per address and per
 * account-from-that-address; a success gives the address its point back and clears the
 * account-from-that-address counter. Failures against one account from anywhere only *slow
 * down* further attempts on it (at most MAX_DELAY_MS each): nobody can lock an account by
 * failing to sign in to it, and the right password from another address always works.
 * Keys are the account's userMac, never the e-mail itself.
 */
const MAX_DELAY_MS = 2000;
const accountAddressKey = (email: string, address: string) => `${userMacFor(email)}|${address}`;

/** Counts one attempt; the seconds to wait when over a limit (the attempt is then refused), else 0. */
export async function admitSignIn(email: string, address: string): Promise<number> {
  const [a, b] = await Promise.all([
    limit("SIGN_IN_PER_ADDRESS").tryConsume(address),
    limit("SIGN_IN_PER_ACCOUNT_ADDRESS").tryConsume(accountAddressKey(email, address)),
  ]);
  return Math.max(a, b);
}

/** Seconds until this address may try this account again (0 = now); counts nothing. */
export async function signInRetryAfter(email: string, address: string): Promise<number> {
  const [a, b] = await Promise.all([
    limit("SIGN_IN_PER_ADDRESS").peek(address),
    limit("SIGN_IN_PER_ACCOUNT_ADDRESS").peek(accountAddressKey(email, address)),
  ]);
  return Math.max(a, b);
}

/**
 * How long to hold this attempt: nothing until the account has had SIGN_IN_SLOWDOWN_PER_ACCOUNT
 * failures in the window, then 250 ms more per failure beyond, up to 2 s.
 */
export async function signInDelayMs(email: string): Promise<number> {
  const l = limit("SIGN_IN_SLOWDOWN_PER_ACCOUNT");
  const over = (await l.used(userMacFor(email))) - l.spec.points;
  return over < 0 ? 0 : Math.min(MAX_DELAY_MS, (over + 1) * 250);
}

export async function recordSignIn(email: string, address: string, ok: boolean) {
  if (ok) {
    await Promise.all([
      limit("SIGN_IN_PER_ADDRESS").refund(address),
      limit("SIGN_IN_PER_ACCOUNT_ADDRESS").reset(accountAddressKey(email, address)),
      limit("SIGN_IN_SLOWDOWN_PER_ACCOUNT").reset(userMacFor(email)),
    ]);
  } else {
    // Counted without a ceiling that refuses: this counter only slows attempts down.
    await limit("SIGN_IN_SLOWDOWN_PER_ACCOUNT").tryConsume(userMacFor(email));
  }
}
