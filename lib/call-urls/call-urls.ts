import { capReached } from "../limits";
import { clock } from "../clock";
import { config } from "../config";
import { randomToken } from "../crypto";
import { db, isDue } from "../db";
import { due } from "../db/statements";
import { errors } from "../http/errors";
import { type CallUrlInfo, type CreatedCallUrl, limits, LOOP_TOKEN } from "../protocol";

/**
 * Call URLs (ref §2.4, contract §3): a link a person opens to call the link's owner. The
 * owner is a userMac (Hawk session, anonymous or registered, or a web user). Expired and
 * revoked links are answered exactly like unknown ones (404 / 105), everywhere.
 */

/** 22-char tokens (16 bytes, contract §1) and the original 11-char form (8 bytes). */

export function isCallToken(token: string) {
  return LOOP_TOKEN.test(token);
}

export function callUrlFor(token: string) {
  return `${config().publicUrl}/c/${token}`;
}

export type CallUrlRow = {
  token: string;
  userMac: string;
  callerId: string;
  issuer: string;
  subject: string | null;
  timestamp: number;
  expiresAt: number;
};

export type CallUrlInput = { callerId?: string; expiresIn?: number; issuer?: string; subject?: string };

function expiresAtFor(hours: number | undefined) {
  return clock.nowSec() + (hours ?? limits.callUrls.defaultTtlHours) * 3600;
}

export async function createCallUrl(ownerMac: string, input: CallUrlInput & { callerId: string }) {
  const token = randomToken();
  const now = clock.nowSec();
  // CALL_URLS_MAX_PER_USER live links per owner (429 / 116, contract §1 "Limits").
  const cap = config().caps.callUrlsPerUser;
  if ((await db().callUrl.count({ where: { userMac: ownerMac, expiresAt: { gt: now } } })) >= cap) throw capReached("call links", cap);
  const row = await db().callUrl.create({
    data: {
      token,
      userMac: ownerMac,
      callerId: input.callerId,
      issuer: input.issuer ?? "",
      subject: input.subject ?? null,
      timestamp: now,
      expiresAt: expiresAtFor(input.expiresIn),
    },
  });
  const created: CreatedCallUrl = { callUrl: callUrlFor(token), callToken: token, expiresAt: row.expiresAt };
  return created;
}

/** The owner's live links, oldest first (ref §2.4), plus the token and URL to manage them. */
export async function listCallUrls(ownerMac: string) {
  const rows = await db().callUrl.findMany({
    where: { userMac: ownerMac, expiresAt: { gt: clock.nowSec() } },
    orderBy: [{ timestamp: "asc" }, { token: "asc" }],
  });
  return rows.map(callUrlView);
}

export function callUrlView(r: CallUrlRow): CallUrlInfo {
  return {
    callToken: r.token,
    callUrl: callUrlFor(r.token),
    callerId: r.callerId,
    timestamp: r.timestamp,
    issuer: r.issuer,
    ...(r.subject !== null ? { subject: r.subject } : {}),
    expires: r.expiresAt,
  };
}

/** A live link, or null for a malformed, unknown, expired or revoked token. */
export async function findLiveCallUrl(token: string): Promise<CallUrlRow | null> {
  if (!isCallToken(token)) return null;
  const row = await db().callUrl.findUnique({ where: { token } });
  if (!row || row.expiresAt <= clock.nowSec()) return null;
  return row;
}

/** The owner's live link, or the error the reference gives. */
async function ownedLink(ownerMac: string, token: string, notOwner: () => Error) {
  const row = await findLiveCallUrl(token);
  if (!row) throw errors.tokenNotFound();
  if (row.userMac !== ownerMac) throw notOwner();
  return row;
}

/**
 * PUT /call-url/{token}: extends the link (now + expiresIn, default 720 h, as the original)
 * and changes the fields given; fields left out keep their value. Someone else's link is
 * 404 / 105 "Not Found." (ref §2.4).
 */
export async function updateCallUrl(ownerMac: string, token: string, input: CallUrlInput) {
  await ownedLink(ownerMac, token, () => errors.tokenNotFound("Not Found."));
  const expiresAt = expiresAtFor(input.expiresIn);
  // Conditional on the owner and liveness again, so a concurrent revoke is not resurrected.
  const { count } = await db().callUrl.updateMany({
    where: { token, userMac: ownerMac, expiresAt: { gt: clock.nowSec() } },
    data: {
      timestamp: clock.nowSec(),
      expiresAt,
      ...(input.callerId !== undefined ? { callerId: input.callerId } : {}),
      ...(input.issuer !== undefined ? { issuer: input.issuer } : {}),
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
    },
  });
  if (count === 0) throw errors.tokenNotFound();
  return { expiresAt };
}

/** DELETE /call-url/{token}: the owner revokes; anyone else is 403 / 110 (ref §2.4). */
export async function revokeCallUrl(ownerMac: string, token: string) {
  await ownedLink(ownerMac, token, () => errors.forbidden("Forbidden", 110));
  await db().callUrl.deleteMany({ where: { token, userMac: ownerMac } });
}

/** Removes expired links (the sweeper); they already answer 404 before this runs. */
export async function sweepCallUrls() {
  const now = clock.nowSec();
  if (!(await isDue(due.callUrls, now))) return 0;
  const { count } = await db().callUrl.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
