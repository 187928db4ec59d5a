import { randomInt } from "node:crypto";
import type { Caller } from "../auth/caller";
import { clock } from "../clock";
import { config } from "../config";
import { hmacHex, safeEqual } from "../crypto";
import { db, isDue } from "../db";
import { due } from "../db/statements";
import { errno, errors, LoopError } from "../http/errors";
import { withOpenStream } from "../events/stream-caps";
import { log } from "../log";
import { consumeAll, markSeen, seenRecently } from "./limiter";
import type { Locale } from "../i18n/locales";
import { recipientLocale, smsCodeText } from "./messages";
import { normaliseMsisdn } from "./numbers";
import { sendSms } from "./sms";

/**
 * Phone numbers (MSISDN) as identities (contract §9): a 6-digit code by SMS, 10 minutes,
 * 5 tries; a verified number belongs to one account at a time, and every Hawk session without
 * an account that verified it is a device of it.
 */
export const CODE_TTL_SEC = 10 * 60;
export const CODE_TRIES = 5;

const nowSec = () => Math.floor(clock.nowMs() / 1000);

/** Who asked for a code: the account (web user, or a Hawk session bound to one), else the session. */
export type Requester = { key: string; userId: string | null; sessionHmac: string | null };

export function requesterOf(caller: Caller): Requester {
  if (caller.kind === "web") return { key: `user:${caller.userId}`, userId: caller.userId, sessionHmac: null };
  if (caller.kind === "hawk") {
    return caller.userId
      ? { key: `user:${caller.userId}`, userId: caller.userId, sessionHmac: null }
      : { key: `session:${caller.sessionHmac}`, userId: null, sessionHmac: caller.sessionHmac };
  }
  throw errors.unauthorized();
}

export function parseMsisdnOrThrow(input: string): string {
  const n = normaliseMsisdn(input);
  if (!n) throw new LoopError(400, errno.INVALID_PARAMETERS, "msisdn should be a valid phone number in E.164 form, like +447700900123", { info: "msisdn" });
  return n;
}

const codeHash = (msisdn: string, requester: string, code: string) =>
  hmacHex(config().secrets.token, `msisdn-code:${msisdn}:${requester}:${code}`);

const codeError = (info: string, message: string) => new LoopError(400, errno.INVALID_PARAMETERS, message, { info });

/**
 * POST /msisdn/register: a new code to the number (the previous one for this requester dies).
 * The SMS is in the account's language, else the request's (`requestLocale`), else English.
 */
export async function registerMsisdn(caller: Caller, input: string, client: string, requestLocale?: Locale | null): Promise<void> {
  const who = requesterOf(caller);
  const msisdn = parseMsisdnOrThrow(input);
  const seenKey = `${who.key}|${msisdn}`;
  const isNew = !(await seenRecently(seenKey));
  await consumeAll([
    ["smsPerNumber", msisdn],
    ...(isNew
      ? ([
          ["numbersPerCaller", who.key],
          ["numbersPerAddress", client],
        ] as ["numbersPerCaller" | "numbersPerAddress", string][])
      : []),
  ]);
  if (isNew) await markSeen(seenKey);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const now = nowSec();
  const data = { codeHash: codeHash(msisdn, who.key, code), tries: 0, createdAt: now, expiresAt: now + CODE_TTL_SEC };
  await db().phoneCode.upsert({
    where: { msisdn_requester: { msisdn, requester: who.key } },
    create: { msisdn, requester: who.key, ...data },
    update: data,
  });
  try {
    await sendSms(msisdn, smsCodeText(code, await recipientLocale(who.userId, requestLocale)));
  } catch (e) {
    await db().phoneCode.deleteMany({ where: { msisdn, requester: who.key } });
    throw e;
  }
  log.info("identity.msisdn_code_sent", {});
}

/** POST /msisdn/verify: the code typed back binds the number to the requester. */
export async function verifyMsisdn(caller: Caller, input: string, code: string): Promise<{ msisdn: string }> {
  const who = requesterOf(caller);
  const msisdn = parseMsisdnOrThrow(input);
  if (!/^\d{6}$/.test(code.trim())) throw codeError("code-format", "code should be the 6 digits of the SMS");
  const where = { msisdn_requester: { msisdn, requester: who.key } };
  const row = await db().phoneCode.findUnique({ where });
  if (!row) throw codeError("no-code", "No code was sent to this number; ask for one first.");
  const now = nowSec();
  if (row.expiresAt <= now) throw codeError("code-expired", "This code has expired; ask for a new one.");
  // Count the try before comparing, atomically: five tries in parallel cannot become more.
  const counted = await db().phoneCode.updateMany({
    where: { msisdn, requester: who.key, tries: { lt: CODE_TRIES }, expiresAt: { gt: now } },
    data: { tries: { increment: 1 } },
  });
  if (counted.count !== 1) throw codeError("code-dead", "Too many wrong codes; ask for a new one.");
  if (!safeEqual(row.codeHash, codeHash(msisdn, who.key, code.trim()))) {
    throw codeError("code-wrong", "This code is not right.");
  }
  await db().$transaction(async (tx) => {
    await tx.phoneCode.deleteMany({ where: { msisdn, requester: who.key } });
    if (who.userId) {
      // One account at a time: verifying in another account moves it.
      await tx.phoneNumber.upsert({
        where: { msisdn },
        create: { msisdn, userId: who.userId, verifiedAt: now },
        update: { userId: who.userId, verifiedAt: now },
      });
    } else {
      await tx.phoneNumber.upsert({ where: { msisdn }, create: { msisdn, userId: null, verifiedAt: now }, update: {} });
      await tx.phoneDevice.upsert({
        where: { msisdn_sessionHmac: { msisdn, sessionHmac: who.sessionHmac! } },
        create: { msisdn, sessionHmac: who.sessionHmac!, createdAt: now },
        update: {},
      });
    }
  });
  log.info("identity.msisdn_verified", { kind: who.userId ? "account" : "session" });
  return { msisdn };
}

/** DELETE /msisdn/{msisdn}: the account gives the number up (with its devices); a session stops being one. */
export async function deleteMsisdn(caller: Caller, input: string): Promise<void> {
  const who = requesterOf(caller);
  const msisdn = normaliseMsisdn(input);
  if (!msisdn) throw errors.invalid("msisdn should be a valid phone number in E.164 form, like +447700900123");
  if (who.userId) {
    const gone = await db().phoneNumber.deleteMany({ where: { msisdn, userId: who.userId } });
    if (gone.count === 0) throw errors.notFound();
    await db().phoneDevice.deleteMany({ where: { msisdn } });
    return;
  }
  const gone = await db().phoneDevice.deleteMany({ where: { msisdn, sessionHmac: who.sessionHmac! } });
  if (gone.count === 0) throw errors.notFound();
  // Nobody left holding it: the number is nobody's.
  await db().phoneNumber.deleteMany({ where: { msisdn, userId: null, devices: { none: {} } } });
}

/** GET /msisdn: the caller's verified numbers. */
export async function listMsisdns(caller: Caller): Promise<{ msisdns: { msisdn: string; verifiedAt: number }[] }> {
  const who = requesterOf(caller);
  const rows = who.userId
    ? await db().phoneNumber.findMany({ where: { userId: who.userId }, orderBy: { verifiedAt: "asc" } })
    : await db().phoneNumber.findMany({ where: { devices: { some: { sessionHmac: who.sessionHmac! } } }, orderBy: { verifiedAt: "asc" } });
  return { msisdns: rows.map((r) => ({ msisdn: r.msisdn, verifiedAt: r.verifiedAt })) };
}

/**
 * Every userMac a verified number rings (contract §9 "reachable"): its account (a web account
 * is always reachable: it hears calls on /events and lists them), and those of its devices'
 * live sessions that can hear a call now: with a `calls` push URL, or an open /events stream
 * on any instance.
 */
export async function macsOfMsisdn(msisdn: string): Promise<string[]> {
  const row = await db().phoneNumber.findUnique({
    where: { msisdn },
    select: { userId: true, devices: { select: { sessionHmac: true } } },
  });
  if (!row) return [];
  const macs: string[] = [];
  if (row.userId) {
    const u = await db().user.findUnique({ where: { id: row.userId }, select: { userMac: true } });
    if (u) macs.push(u.userMac);
  }
  if (row.devices.length) {
    const sessions = await db().hawkSession.findMany({
      where: { idHmac: { in: row.devices.map((d) => d.sessionHmac) }, expiresAt: { gt: nowSec() } },
      select: { idHmac: true, userMac: true },
    });
    const pushed = new Set(
      (
        await db().pushUrl.findMany({
          where: { sessionHmac: { in: sessions.map((s) => s.idHmac) }, topic: "calls" },
          select: { sessionHmac: true },
        })
      ).map((p) => p.sessionHmac),
    );
    const streaming = await withOpenStream(sessions.filter((s) => !pushed.has(s.idHmac)).map((s) => s.userMac));
    macs.push(...sessions.filter((s) => pushed.has(s.idHmac) || streaming.has(s.userMac)).map((s) => s.userMac));
  }
  return [...new Set(macs)];
}

/** The number a caller is known by: the account's or the session's latest verified one. */
export async function verifiedMsisdnOf(who: { userId: string | null; sessionHmac: string | null }): Promise<string | null> {
  const row = who.userId
    ? await db().phoneNumber.findFirst({ where: { userId: who.userId }, orderBy: { verifiedAt: "desc" }, select: { msisdn: true } })
    : who.sessionHmac
      ? await db().phoneNumber.findFirst({
          where: { devices: { some: { sessionHmac: who.sessionHmac } } },
          orderBy: { verifiedAt: "desc" },
          select: { msisdn: true },
        })
      : null;
  return row?.msisdn ?? null;
}

export async function sweepPhoneCodes() {
  const cutoff = nowSec() - 3600;
  if (!(await isDue(due.phoneCodes, cutoff))) return;
  await db().phoneCode.deleteMany({ where: { expiresAt: { lt: cutoff } } });
}
