import { z } from "zod";
import { createHawkSession } from "../auth/hawk";
import { clock } from "../clock";
import { config } from "../config";
import { db } from "../db";
import { errors } from "../http/errors";
import { log } from "../log";

/**
 * Hawk sessions bound to a web user ("connected clients"): minted with POST /session from a
 * signed-in browser for desktop or scripted clients, listed and revoked by their owner, ended
 * by the client itself with DELETE /session (ref §2.2).
 *
 * A session's public `id` is a prefix of its idHmac: enough to name it, useless to sign with.
 */
const PUBLIC_ID_LENGTH = 16;

export const publicSessionId = (idHmac: string) => idHmac.slice(0, PUBLIC_ID_LENGTH);

export const mintSessionBody = z.object({
  label: z.string({ error: "label should be a string" }).trim().max(100, "label should be at most 100 characters").optional(),
});

export const sessionIdParams = z.object({
  id: z.string().regex(new RegExp(`^[0-9a-f]{${PUBLIC_ID_LENGTH}}$`), "id should be a session id"),
});

export type SessionSummary = { id: string; label: string | null; createdAt: number; lastUsedAt: number; expiresAt: number };

export async function mintSessionForUser(user: { userId: string; userMac: string }, label?: string) {
  await evictOldestSessions(user.userId, config().caps.sessionsPerUser - 1);
  const s = await createHawkSession({ id: user.userId, userMac: user.userMac }, label || undefined);
  log.info("session.minted", { userId: user.userId });
  return { hawkSessionToken: s.sessionToken, id: publicSessionId(s.idHmac), label: s.label, createdAt: s.createdAt };
}

export async function listSessions(userId: string): Promise<SessionSummary[]> {
  const rows = await db().hawkSession.findMany({
    where: { userId, expiresAt: { gt: clock.nowSec() } },
    select: { idHmac: true, label: true, createdAt: true, lastUsedAt: true, expiresAt: true },
    orderBy: { lastUsedAt: "desc" },
  });
  return rows.map(({ idHmac, ...r }) => ({ id: publicSessionId(idHmac), ...r }));
}

/** Revokes one of the user's sessions and its push URLs; 404 / 105 when it is not theirs. */
export async function revokeSession(userId: string, id: string): Promise<void> {
  const gone = await db().$transaction(async (tx) => {
    const rows = await tx.hawkSession.findMany({ where: { userId, idHmac: { startsWith: id } }, select: { idHmac: true } });
    if (rows.length !== 1) return false;
    await tx.pushUrl.deleteMany({ where: { sessionHmac: rows[0].idHmac } });
    await tx.hawkSession.delete({ where: { idHmac: rows[0].idHmac } });
    return true;
  });
  if (!gone) throw errors.tokenNotFound("Session not found.");
}

/** DELETE /session: the client ends its own user-bound session (anonymous → 403 / 110). */
export async function endSession(caller: { sessionHmac: string; userId: string | null }): Promise<void> {
  if (caller.userId === null) throw errors.registeredOnly();
  await db().$transaction([
    db().pushUrl.deleteMany({ where: { sessionHmac: caller.sessionHmac } }),
    db().hawkSession.deleteMany({ where: { idHmac: caller.sessionHmac } }),
  ]);
}

/**
 * Keeps at most `keep` Hawk sessions of the user (SESSIONS_MAX_PER_USER, contract §1
 * "Limits"): the least recently used go first, with their push URLs.
 */
export async function evictOldestSessions(userId: string, keep: number): Promise<number> {
  const extra = await db().hawkSession.findMany({
    where: { userId },
    orderBy: [{ lastUsedAt: "desc" }, { createdAt: "desc" }],
    skip: Math.max(0, keep),
    select: { idHmac: true },
  });
  if (!extra.length) return 0;
  const ids = extra.map((s) => s.idHmac);
  await db().$transaction([
    db().pushUrl.deleteMany({ where: { sessionHmac: { in: ids } } }),
    db().hawkSession.deleteMany({ where: { idHmac: { in: ids } } }),
  ]);
  log.info("session.evicted", { userId, count: ids.length });
  return ids.length;
}
