import { randomUUID } from "node:crypto";
import { clock } from "../clock";
import { db, isDue } from "../db";
import { due } from "../db/statements";
import { log } from "../log";

/**
 * Server-side sign-out for next-auth's JWT sessions. A session cookie is a sealed JWT that
 * would stay valid until it expires; each sign-in puts a session id (`sid`) and the sign-in
 * instant (`authAt`, ms) into it, and signing out records that sid as revoked. "Sign out
 * everywhere" records `all:<userId>` with its instant: every session of that user signed in
 * at or before then stops working, and the user's connected clients (Hawk sessions) end.
 * Rows are kept until the JWT they outlaw would have expired, then swept.
 */
export type SessionClaims = { sub?: unknown; sid?: unknown; authAt?: unknown; iat?: unknown; exp?: unknown };

/** Claims a fresh sign-in adds to the JWT. */
export function newSessionClaims() {
  return { sid: randomUUID(), authAt: clock.nowMs() };
}

const MAX_JWT_AGE_SEC = 30 * 24 * 3600;

function expiry(claims: SessionClaims) {
  return typeof claims.exp === "number" ? claims.exp : clock.nowSec() + MAX_JWT_AGE_SEC;
}

/** Ends one web session (the one whose JWT carries these claims). */
export async function revokeWebSession(claims: SessionClaims): Promise<void> {
  if (typeof claims.sid !== "string" || typeof claims.sub !== "string") return;
  await db().revokedWebSession.upsert({
    where: { sid: claims.sid },
    create: { sid: claims.sid, userId: claims.sub, revokedAt: new Date(clock.nowMs()), expiresAt: expiry(claims) },
    update: {},
  });
  log.info("session.web_signed_out", { userId: claims.sub });
}

/** Ends every web session of the user and every Hawk session bound to it. */
export async function signOutEverywhere(userId: string): Promise<void> {
  const now = clock.nowMs();
  const sid = `all:${userId}`;
  const row = { revokedAt: new Date(now), expiresAt: Math.floor(now / 1000) + MAX_JWT_AGE_SEC };
  await db().$transaction(async (tx) => {
    await tx.revokedWebSession.upsert({ where: { sid }, create: { sid, userId, ...row }, update: row });
    const sessions = await tx.hawkSession.findMany({ where: { userId }, select: { idHmac: true } });
    const ids = sessions.map((s) => s.idHmac);
    if (ids.length) {
      await tx.pushUrl.deleteMany({ where: { sessionHmac: { in: ids } } });
      await tx.hawkSession.deleteMany({ where: { idHmac: { in: ids } } });
    }
  });
  log.info("session.signed_out_everywhere", { userId });
}

/** Whether a decoded session JWT has been signed out (alone, or everywhere). */
export async function isWebSessionRevoked(claims: SessionClaims): Promise<boolean> {
  if (typeof claims.sub !== "string") return true;
  const sids = [`all:${claims.sub}`];
  if (typeof claims.sid === "string") sids.push(claims.sid);
  const rows = await db().revokedWebSession.findMany({ where: { sid: { in: sids } }, select: { sid: true, revokedAt: true } });
  if (!rows.length) return false;
  // Sessions from before this change carry no authAt: their `iat` (seconds) stands in.
  const authAt = typeof claims.authAt === "number" ? claims.authAt : typeof claims.iat === "number" ? claims.iat * 1000 : 0;
  return rows.some((r) => r.sid === claims.sid || authAt <= r.revokedAt.getTime());
}

export async function sweepRevokedWebSessions(): Promise<number> {
  const now = clock.nowSec();
  if (!(await isDue(due.revokedWebSessions, now))) return 0;
  const r = await db().revokedWebSession.deleteMany({ where: { expiresAt: { lte: now } } });
  return r.count;
}
