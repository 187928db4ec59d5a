import { randomUUID } from "node:crypto";
import { deleteWebAccount } from "../accounts/delete-account";
import { clock } from "../clock";
import { config } from "../config";
import { hmacHex, randomToken, userMacFor } from "../crypto";
import { db } from "../db";
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
  | { kind: "claim"; email: string; name: string; passwordHash: string };

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
  await db().emailVerification.create({
    data: {
      tokenHash: hashToken(token),
      userId: issue.kind === "verify" ? issue.userId : null,
      email: issue.email,
      name: issue.kind === "claim" ? issue.name : null,
      passwordHash: issue.kind === "claim" ? issue.passwordHash : null,
      createdAt: now,
      expiresAt: now + LINK_TTL_SEC,
    },
  });
  const url = verificationUrl(token);
  const locale = await recipientLocale(issue.kind === "verify" ? issue.userId : null, requestLocale);
  try {
    await sendMail(issue.email, verificationMail({ email: issue.email, name: issue.name, url, kind: issue.kind }, locale), url);
    return true;
  } catch (e) {
    log.warn("mail.failed", { reason: (e as Error).message });
    return false;
  }
}

export type VerifyResult = "verified" | "created" | "invalid" | "taken";

/**
 * The form POST of the link's page: uses the link once. `verified` (the account's address is
 * now its identity), `created` (a claim became an account), `taken` (a claim for an address a
 * verified account holds), or `invalid` (unknown, used, expired, or the address changed).
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
        userMac: userMacFor(row.email),
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

/** The account page's state of the address. */
export async function emailState(userId: string): Promise<{ email: string; verified: boolean }> {
  const u = await db().user.findUnique({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } });
  return { email: u?.email ?? "", verified: u?.emailVerifiedAt != null };
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
  await db().emailVerification.deleteMany({ where: { expiresAt: { lt: nowSec() - 3600 } } });
}
