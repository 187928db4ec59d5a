import { randomUUID } from "node:crypto";
import { deleteWebAccount } from "../accounts/delete-account";
import { clock } from "../clock";
import { config } from "../config";
import { hmacHex, randomToken, userMacFor } from "../crypto";
import { db, isDue, type Tx } from "../db";
import { due } from "../db/statements";
import { admitSignIn, recordSignIn } from "../accounts/sign-in-throttle";
import { verifyPassword } from "../auth/password";
import { errno, errors, LoopError } from "../http/errors";
import { log } from "../log";
import { consumeAll } from "./limiter";
import { sendMail } from "./mail";
import type { Locale } from "../i18n/locales";
import { recipientLocale, verificationMail } from "./messages";

/**
 * E-mail verification (contract §9, docs/identities.md). A mailed single-use link (24 h)
 * proves the address; until then the address is nobody's identity. A link without a user is
 * a "claim": a sign-up for an address that an unverified account holds, which becomes the
 * account when the link is used (the unverified account is removed then).
 */
export const LINK_TTL_SEC = 24 * 3600;

const nowSec = () => Math.floor(clock.nowMs() / 1000);
const hashToken = (token: string) => hmacHex(config().secrets.token, `email-verification:${token}`);

export function verificationUrl(token: string) {
  return `${config().publicUrl}/verify-email/${token}`;
}

type Issue =
  | { kind: "verify"; userId: string; email: string; name: string }
  | { kind: "claim"; email: string; name: string; passwordHash: string }
  /** a change of address: the link goes to the new address; `current` stays until it is used */
  | { kind: "change"; userId: string; email: string; name: string };

/**
 * The userMac of a new account. userMac is the account's lasting key (every Loop record hangs
 * off it): HMAC(address) when the account is made, and kept when its address changes. So a new
 * account for an address that another account used to have gets a random one instead.
 */
export async function newUserMac(email: string, tx: Tx | ReturnType<typeof db> = db()): Promise<string> {
  const mac = userMacFor(email);
  const held = await tx.user.findUnique({ where: { userMac: mac }, select: { email: true } });
  return held && held.email !== email.trim().toLowerCase() ? hmacHex(config().secrets.hmac, `account:${randomUUID()}`) : mac;
}

/**
 * Stores a new link and mails it. Throttled per address (3 per 10 minutes) and per client
 * address; a mail the SMTP server refuses is logged and reported as `false` (the account
 * page can send it again), never as a failed sign-up. The mail is in the account's language,
 * else `requestLocale` (the language of the page that asked), else English.
 */
export async function issueVerification(issue: Issue, client: string | null, requestLocale?: Locale | null): Promise<boolean> {
  await consumeAll([
    ["mailsPerAddress", userMacFor(issue.email)],
    ...(client ? ([["mailsPerClient", client]] as ["mailsPerClient", string][]) : []),
  ]);
  const token = randomToken(32);
  const now = nowSec();
  // One change pending at a time: an earlier change's link is spent.
  if (issue.kind === "change") await spendPendingChanges(issue.userId);
  await db().emailVerification.create({
    data: {
      tokenHash: hashToken(token),
      kind: issue.kind,
      userId: issue.kind === "claim" ? null : issue.userId,
      email: issue.email,
      name: issue.kind === "claim" ? issue.name : null,
      passwordHash: issue.kind === "claim" ? issue.passwordHash : null,
      createdAt: now,
      expiresAt: now + LINK_TTL_SEC,
    },
  });
  const url = verificationUrl(token);
  const locale = await recipientLocale(issue.kind === "claim" ? null : issue.userId, requestLocale);
  try {
    await sendMail(issue.email, verificationMail({ email: issue.email, name: issue.name, url, kind: issue.kind }, locale), url);
    return true;
  } catch (e) {
    log.warn("mail.failed", { reason: (e as Error).message });
    return false;
  }
}

export type VerifyResult = "verified" | "created" | "changed" | "invalid" | "taken";

/**
 * The form POST of the link's page: uses the link once. `verified` (the account's address is
 * now its identity), `created` (a claim became an account), `changed` (a change of address is
 * done: the new address replaces the old one), `taken` (the address a claim or change asks
 * for is a verified account's), or `invalid` (unknown, used, expired, or the address changed).
 */
export async function consumeVerificationLink(token: string): Promise<VerifyResult> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return "invalid";
  const tokenHash = hashToken(token);
  const now = nowSec();
  // Single use: only the request that flips usedAt goes on.
  const used = await db().emailVerification.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (used.count !== 1) return "invalid";
  const row = (await db().emailVerification.findUnique({ where: { tokenHash } }))!;

  if (row.userId) {
    const current = await db().user.findUnique({ where: { id: row.userId }, select: { email: true } });
    if (!current) return "invalid";
    if (row.kind === "change") return current.email === row.email ? "invalid" : applyEmailChange(row.userId, row.email, now);
    const changed = await db().user.updateMany({
      where: { id: row.userId, email: row.email },
      data: { emailVerifiedAt: now },
    });
    if (changed.count !== 1) return "invalid";
    log.info("identity.email_verified", { userId: row.userId });
    return "verified";
  }

  // A claim: the person who reads the mailbox owns the address.
  const holder = await db().user.findUnique({ where: { email: row.email }, select: { id: true, userMac: true, emailVerifiedAt: true } });
  if (holder?.emailVerifiedAt) return "taken";
  if (holder) {
    await deleteWebAccount({ userId: holder.id, userMac: holder.userMac });
    log.info("identity.unverified_account_replaced", { userId: holder.id, by: "claim" });
  }
  try {
    const user = await db().user.create({
      data: {
        id: randomUUID(),
        email: row.email,
        userMac: await newUserMac(row.email),
        name: row.name,
        passwordHash: row.passwordHash,
        emailVerifiedAt: now,
      },
      select: { id: true },
    });
    // Other links for this address are spent.
    await db().emailVerification.updateMany({ where: { email: row.email, usedAt: null }, data: { usedAt: now } });
    log.info("account.created", { userId: user.id, method: "password-claim" });
    return "created";
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") return "taken";
    throw e;
  }
}

/**
 * A change of address proven (docs/identities.md): the new address replaces the old one at
 * once, verified, in one step; the old one is no longer the account's sign-in, identity or
 * callerId. The account keeps its userMac, so its rooms, links, sessions and push URLs stay.
 * An unverified account holding the new address is removed first (the takeover rule); a
 * verified one keeps it (`taken`).
 */
async function applyEmailChange(userId: string, email: string, now: number): Promise<VerifyResult> {
  const holder = await db().user.findUnique({ where: { email }, select: { id: true, userMac: true, emailVerifiedAt: true } });
  if (holder?.emailVerifiedAt != null) return "taken";
  if (holder) {
    await deleteWebAccount({ userId: holder.id, userMac: holder.userMac });
    log.info("identity.unverified_account_replaced", { userId: holder.id, by: "change" });
  }
  try {
    await db().$transaction([
      db().user.update({ where: { id: userId }, data: { email, emailVerifiedAt: now } }),
      // Every other link of the account, and any claim on the new address, is spent.
      db().emailVerification.updateMany({ where: { OR: [{ userId }, { email }], usedAt: null }, data: { usedAt: now } }),
    ]);
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") return "taken";
    throw e;
  }
  log.info("identity.email_changed", { userId });
  return "changed";
}

/** Spends the account's pending change links. */
async function spendPendingChanges(userId: string) {
  await db().emailVerification.updateMany({ where: { userId, kind: "change", usedAt: null }, data: { usedAt: nowSec() } });
}

export type EmailState = { email: string; verified: boolean; pending: string | null; hasPassword: boolean };

/** The account page's state of the address, with the change waiting for its link, if any. */
export async function emailState(userId: string): Promise<EmailState> {
  const u = await db().user.findUnique({ where: { id: userId }, select: { email: true, emailVerifiedAt: true, passwordHash: true } });
  if (!u) return { email: "", verified: false, pending: null, hasPassword: false };
  const pending = await db().emailVerification.findFirst({
    where: { userId, kind: "change", usedAt: null, expiresAt: { gt: nowSec() } },
    orderBy: { createdAt: "desc" },
    select: { email: true },
  });
  return { email: u.email, verified: u.emailVerifiedAt != null, pending: pending?.email ?? null, hasPassword: u.passwordHash != null };
}

/**
 * "Change e-mail" on the account page (contract §9: verifying again after a change of address
 * follows the same rule). Asks for the current password (counted like a sign-in attempt);
 * an account without a password (it signs in through an identity provider, which vouches for
 * its address) cannot change it here. Mails a single-use 24 h link to the new address,
 * throttled like resend; until it is used nothing changes.
 */
export async function requestEmailChange(
  userId: string,
  input: { email: string; password: string },
  client: string,
  requestLocale?: Locale | null,
): Promise<EmailState & { sent: boolean }> {
  const u = await db().user.findUnique({ where: { id: userId }, select: { email: true, name: true, passwordHash: true } });
  if (!u) throw errors.unauthorized("Unauthorized", "Cookie");
  if (!u.passwordHash) {
    throw new LoopError(403, errno.UNDEFINED, "This account signs in through an identity provider, which vouches for its address; it cannot be changed here.", {
      info: "no-password",
    });
  }
  const wait = await admitSignIn(u.email, client);
  if (wait) throw errors.tooManyRequests(wait);
  const ok = await verifyPassword(u.passwordHash, input.password);
  await recordSignIn(u.email, client, ok);
  if (!ok) throw new LoopError(400, errno.INVALID_PARAMETERS, "The password is not right.", { info: "password" });
  if (input.email === u.email) throw new LoopError(400, errno.INVALID_PARAMETERS, "This is already the account's address.", { info: "same" });
  const holder = await db().user.findUnique({ where: { email: input.email }, select: { emailVerifiedAt: true } });
  if (holder?.emailVerifiedAt != null) {
    throw new LoopError(409, errno.INVALID_PARAMETERS, "An account with this e-mail address already exists.", { info: "email" });
  }
  const sent = await issueVerification(
    { kind: "change", userId, email: input.email, name: u.name ?? u.email },
    client,
    requestLocale,
  );
  log.info("identity.email_change_requested", { userId });
  return { ...(await emailState(userId)), sent };
}

/** Cancels the pending change: its link stops working; the address stays as it is. */
export async function cancelEmailChange(userId: string): Promise<EmailState> {
  await spendPendingChanges(userId);
  return emailState(userId);
}

/** "Send the link again" from the account page; nothing is sent for an address already verified. */
export async function resendVerification(userId: string, client: string | null, requestLocale?: Locale | null) {
  const u = await db().user.findUnique({ where: { id: userId }, select: { email: true, name: true, emailVerifiedAt: true } });
  if (!u) return { email: "", verified: false, sent: false };
  if (u.emailVerifiedAt != null) return { email: u.email, verified: true, sent: false };
  const sent = await issueVerification({ kind: "verify", userId, email: u.email, name: u.name ?? u.email }, client, requestLocale);
  return { email: u.email, verified: false, sent };
}

/**
 * An identity provider vouches for the address (`email_verified`): an unverified account that
 * holds it is removed so the owner can have it. Returns false when a verified account holds it.
 */
export async function releaseUnverifiedHolder(email: string): Promise<boolean> {
  const holder = await db().user.findUnique({ where: { email }, select: { id: true, userMac: true, emailVerifiedAt: true } });
  if (!holder) return true;
  if (holder.emailVerifiedAt != null) return false;
  await deleteWebAccount({ userId: holder.id, userMac: holder.userMac });
  log.info("identity.unverified_account_replaced", { userId: holder.id, by: "identity-provider" });
  return true;
}

/** Expired links go (a sweeper). */
export async function sweepVerificationLinks() {
  const cutoff = nowSec() - 3600;
  if (!(await isDue(due.emailVerifications, cutoff))) return;
  await db().emailVerification.deleteMany({ where: { expiresAt: { lt: cutoff } } });
}
