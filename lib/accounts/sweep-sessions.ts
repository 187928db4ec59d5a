import { clock } from "../clock";
import { db, isDue } from "../db";
import { due } from "../db/statements";
import { log } from "../log";

/**
 * Hawk sessions unused for 30 days are gone (ref §1.3): remove them with their push URLs, a
 * bounded batch at a time so one sweep never holds the database for long.
 */
const BATCH = 500;

export async function sweepExpiredSessions(): Promise<number> {
  const now = clock.nowSec();
  if (!(await isDue(due.hawkSessions, now))) return 0;
  const expired = await db().hawkSession.findMany({
    where: { expiresAt: { lte: now } },
    select: { idHmac: true },
    take: BATCH,
  });
  if (!expired.length) return 0;
  const ids = expired.map((s) => s.idHmac);
  await db().$transaction([
    db().pushUrl.deleteMany({ where: { sessionHmac: { in: ids } } }),
    db().hawkSession.deleteMany({ where: { idHmac: { in: ids }, expiresAt: { lte: now } } }),
  ]);
  log.info("session.swept", { count: ids.length });
  return ids.length;
}
