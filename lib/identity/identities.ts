import type { Caller } from "../auth/caller";
import { db } from "../db";
import { msisdnOfPhoneObject, normaliseMsisdn } from "./numbers";
import { macsOfMsisdn, verifiedMsisdnOf } from "./phone";

/**
 * Which identities are someone's (contract §9): a verified e-mail, or a verified phone number.
 * An address or number nobody verified is nobody's: not reachable, never shown as callerId.
 */

/** The verified identity a caller is shown by (`callerId`), or null when it has none. */
export async function verifiedIdentityOf(caller: Caller): Promise<string | null> {
  const userId = caller.kind === "web" ? caller.userId : caller.kind === "hawk" ? caller.userId : null;
  if (userId) {
    const u = await db().user.findUnique({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } });
    if (!u) return null;
    if (u.emailVerifiedAt != null) return u.email;
    return verifiedMsisdnOf({ userId, sessionHmac: null });
  }
  if (caller.kind === "hawk") return verifiedMsisdnOf({ userId: null, sessionHmac: caller.sessionHmac });
  return null;
}

/** The account's display name (never its address), for a caller without a verified identity. */
export async function displayNameOf(caller: Caller): Promise<string> {
  const userId = caller.kind === "web" ? caller.userId : caller.kind === "hawk" ? caller.userId : null;
  if (!userId) return "";
  const u = await db().user.findUnique({ where: { id: userId }, select: { name: true } });
  return u?.name?.trim() ?? "";
}

/** Whether the caller may place direct calls: an account (verified or not), or a session holding a verified number. */
export async function mayPlaceDirectCalls(caller: Caller): Promise<boolean> {
  if (caller.kind === "web" || (caller.kind === "hawk" && caller.userId)) return true;
  if (caller.kind === "hawk") return (await verifiedMsisdnOf({ userId: null, sessionHmac: caller.sessionHmac })) !== null;
  return false;
}

export type ResolvedCallee = { identity: string; macs: string[] };

/**
 * One `calleeId` item: an e-mail (its verified account), an E.164 number or a
 * `{phoneNumber, mcc}` object (the number's account and devices). Null when nobody holds it.
 */
export async function resolveCallee(item: unknown): Promise<ResolvedCallee | null> {
  if (typeof item === "string") {
    const s = item.trim();
    if (s.includes("@")) {
      // By the address the account has now (its userMac is from the address it was made with).
      const u = await db().user.findUnique({ where: { email: s.toLowerCase() }, select: { userMac: true, emailVerifiedAt: true } });
      return u && u.emailVerifiedAt != null ? { identity: s.toLowerCase(), macs: [u.userMac] } : null;
    }
    const n = normaliseMsisdn(s);
    return n ? withMacs(n) : null;
  }
  if (item !== null && typeof item === "object" && !Array.isArray(item)) {
    const n = msisdnOfPhoneObject(item as { phoneNumber?: unknown; mcc?: unknown });
    return n ? withMacs(n) : null;
  }
  return null;
}

async function withMacs(msisdn: string): Promise<ResolvedCallee | null> {
  const macs = await macsOfMsisdn(msisdn);
  return macs.length ? { identity: msisdn, macs } : null;
}
