import { randomUUID } from "node:crypto";
import { z } from "zod";
import { admitSignIn, recordSignIn, signInDelayMs } from "./sign-in-throttle";
import { db } from "../db";
import { errno, errors, LoopError } from "../http/errors";
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyAgainstDecoy, verifyPassword } from "../auth/password";
import { clientAddress } from "../http/client-address";
import { limit } from "../limits";
import { log } from "../log";
import { issueVerification, newUserMac, releaseUnverifiedHolder } from "../identity/email";
import { localeOfHeaders } from "../i18n/locales";

/**
 * Web accounts: sign-up with e-mail and password, password sign-in, and the users that
 * external identities (GitHub, Google, OpenID Connect) sign in as. Users are keyed by the
 * lowercased e-mail; `userMac` (HMAC(lowercase(email)) when the account is made, kept when the
 * address changes: lib/identity/email.ts) links them to every Loop record.
 */

export const emailSchema = z
  .string({ error: "email should be a string" })
  .trim()
  .toLowerCase()
  .max(254, "email should be at most 254 characters")
  .pipe(z.email({ error: "email should be a valid e-mail address" }));

export const signUpInput = z.object({
  email: emailSchema,
  password: z
    .string({ error: "password should be a string" })
    .min(PASSWORD_MIN_LENGTH, `password should be at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(PASSWORD_MAX_LENGTH, `password should be at most ${PASSWORD_MAX_LENGTH} characters`),
  name: z.string({ error: "name should be a string" }).trim().max(100, "name should be at most 100 characters").optional(),
});

export type PublicUser = { id: string; email: string; name: string | null };

/** What sign-up answers: the new account (201), or a claim on an address an unverified account holds (202). */
export type SignUpResult = { user: PublicUser; pending?: undefined } | { pending: true; email: string };

function defaultName(email: string) {
  return email.split("@", 1)[0].slice(0, 100);
}

/**
 * Creates a password account and mails the verification link. 409 / 107 when a verified
 * account holds the e-mail. When an unverified account holds it, nothing is created yet: a
 * link goes to the address, and whoever opens it gets the address (docs/identities.md).
 * Throttled per client address.
 */
export async function signUp(input: z.output<typeof signUpInput>, headers: Headers): Promise<SignUpResult> {
  const address = clientAddress(headers);
  const lang = localeOfHeaders(headers);
  // Counted before the work (so parallel sign-ups are each counted); probing which e-mails
  // have accounts has a tighter limit of its own.
  const taken = await limit("SIGN_UP_TAKEN_PER_ADDRESS").peek(address);
  if (taken) throw errors.tooManyRequests(taken);
  await limit("SIGN_UP_PER_ADDRESS").consume(address);
  const existing = await db().user.findUnique({ where: { email: input.email }, select: { id: true, emailVerifiedAt: true } });
  if (existing?.emailVerifiedAt != null) {
    await limit("SIGN_UP_PER_ADDRESS").refund(address);
    await limit("SIGN_UP_TAKEN_PER_ADDRESS").tryConsume(address);
    throw emailTaken();
  }
  const passwordHash = await hashPassword(input.password);
  const name = input.name || defaultName(input.email);
  if (existing) {
    await issueVerification({ kind: "claim", email: input.email, name, passwordHash }, address, lang);
    log.info("account.claim_mailed", {});
    return { pending: true, email: input.email };
  }
  try {
    const user = await db().user.create({
      data: {
        id: randomUUID(),
        email: input.email,
        userMac: await newUserMac(input.email),
        name,
        passwordHash,
      },
      select: { id: true, email: true, name: true },
    });
    log.info("account.created", { userId: user.id, method: "password" });
    // A refused or throttled mail never undoes the account: the account page sends it again.
    await issueVerification({ kind: "verify", userId: user.id, email: user.email, name }, address, lang).catch((e) =>
      log.warn("identity.verification_not_sent", { reason: (e as Error).message }),
    );
    return { user };
  } catch (e) {
    // Two sign-ups of one e-mail at once: the unique index decides, the loser hears "taken".
    if ((e as { code?: string }).code === "P2002") throw emailTaken();
    throw e;
  }
}

function emailTaken() {
  return new LoopError(409, errno.INVALID_PARAMETERS, "An account with this e-mail address already exists.", { info: "email" });
}

/** Thrown to next-auth when an account or address has failed too often; the page explains it. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

/**
 * The user for an e-mail and password, or null. Every failure costs the same time (a decoy
 * hash when the account does not exist) and counts against the account and the address.
 */
export async function authenticatePassword(
  email: string | undefined,
  password: string | undefined,
  headers: Record<string, string | string[] | undefined>,
): Promise<PublicUser | null> {
  const parsed = emailSchema.safeParse(email ?? "");
  if (!parsed.success || !password || password.length > PASSWORD_MAX_LENGTH) return null;
  const address = clientAddress(headers);
  // Counted before the password is checked: parallel guesses are each an attempt.
  if (await admitSignIn(parsed.data, address)) throw new Error(TOO_MANY_ATTEMPTS);
  const delay = await signInDelayMs(parsed.data);
  if (delay) await new Promise((r) => setTimeout(r, delay));
  const user = await db().user.findUnique({
    where: { email: parsed.data },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  if (!ok || !user) {
    await recordSignIn(parsed.data, address, false);
    log.info("account.sign_in_refused", { reason: user ? "password" : "unknown" });
    return null;
  }
  await recordSignIn(parsed.data, address, true);
  return { id: user.id, email: user.email, name: user.name };
}

export type ExternalIdentity = {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  /** whether the provider vouches that the person controls that e-mail */
  emailVerified: boolean;
  name: string | null | undefined;
};

/**
 * The user an external identity signs in as: its linked user, else a new user for its
 * verified e-mail. An e-mail that a verified account holds is never linked automatically. An
 * unverified account holding it is removed first: an address nobody verified belongs to
 * nobody, and the provider vouches that this person owns it (docs/identities.md).
 */
export async function userForExternalIdentity(
  id: ExternalIdentity,
): Promise<{ user: PublicUser } | { refused: "EmailRequired" | "OAuthAccountNotLinked" }> {
  const link = await db().oAuthLink.findUnique({
    where: { provider_providerAccountId: { provider: id.provider, providerAccountId: id.providerAccountId } },
    select: { user: { select: { id: true, email: true, name: true } } },
  });
  if (link) return { user: link.user };
  const email = emailSchema.safeParse(id.email ?? "");
  if (!email.success || !id.emailVerified) return { refused: "EmailRequired" };
  if (!(await releaseUnverifiedHolder(email.data))) return { refused: "OAuthAccountNotLinked" };
  try {
    const user = await db().$transaction(async (tx) => {
      const taken = await tx.user.findUnique({ where: { email: email.data }, select: { id: true } });
      if (taken) return null;
      const created = await tx.user.create({
        data: {
          id: randomUUID(),
          email: email.data,
          userMac: await newUserMac(email.data, tx),
          name: id.name?.trim().slice(0, 100) || defaultName(email.data),
          emailVerifiedAt: Math.floor(Date.now() / 1000),
        },
        select: { id: true, email: true, name: true },
      });
      await tx.oAuthLink.create({
        data: { provider: id.provider, providerAccountId: id.providerAccountId, userId: created.id },
      });
      return created;
    });
    if (!user) return { refused: "OAuthAccountNotLinked" };
    log.info("account.created", { userId: user.id, method: id.provider });
    return { user };
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") return { refused: "OAuthAccountNotLinked" };
    throw e;
  }
}

/** Our user id for an external identity already linked (the JWT callback after sign-in). */
export async function linkedUserId(provider: string, providerAccountId: string): Promise<string | null> {
  const link = await db().oAuthLink.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  return link?.userId ?? null;
}
