import { callerMac, type Caller } from "../auth/caller";
import { clock } from "../clock";
import { db, sql } from "../db";
import { participants as participantSql, rooms as roomSql } from "../db/statements";
import { errno, errors, LoopError } from "../http/errors";
import { log } from "../log";
import { notifyOwner } from "./notify";
import { findCallerParticipant, findLiveRoom, requireIdentified } from "./queries";
import { validate } from "../http/handler";
import { logDomainInput, statusInput } from "./validate";
import { limits } from "../protocol";

/**
 * POST /rooms/{token} `refresh`, `status`, `leave`, `logDomain` (ref §2.6). Checks run in the
 * original's order: the room exists (404), credentials (401), the body (400), membership.
 */

const notParticipant = (message: string) => new LoopError(400, errno.NOT_ROOM_PARTICIPANT, message);

/**
 * `refresh`: another 300 s of participation. A participation that has already expired is gone
 * (410 / 111); a guest whose token expired never gets here (401 / 110 from Basic auth).
 */
export async function refreshParticipation(token: string, caller: Caller) {
  await findLiveRoom(token);
  requireIdentified(caller);
  const now = clock.nowSec();
  const ttl = limits.rooms.participantTtlSec;
  const where =
    caller.kind === "guest"
      ? { id: caller.participantId, roomToken: token }
      : { roomToken: token, userMac: callerMac(caller) ?? "" };
  // Guarded by expiry, so a refresh never revives a participation the sweeper is removing.
  const { count } = await db().participant.updateMany({ where: { ...where, expiresAt: { gt: now } }, data: { expiresAt: now + ttl } });
  if (count === 0) throw errors.expired();
  return { expires: ttl };
}

/** `status`: the client's connection state, for metrics only. */
export async function reportStatus(token: string, caller: Caller, body: unknown) {
  await findLiveRoom(token);
  requireIdentified(caller);
  const input = validate(statusInput, body, "body");
  const p = await findCallerParticipant(caller, token);
  if (!p) throw notParticipant("Can't update status for a room you aren't in.");
  log.info("rooms.status", { participant: p.id, ...input });
}

/** `leave`: the participation ends now; the room is touched and the owner told. */
export async function leaveRoom(token: string, caller: Caller) {
  const room = await findLiveRoom(token);
  requireIdentified(caller);
  const notJoined = () => notParticipant("Unable to leave a room you have not joined.");
  // A guest's Basic credential has just been resolved to its live participation: no re-read
  // (the guarded delete below still finds nothing if it ended since).
  const participantId =
    caller.kind === "guest" ? (caller.roomToken === token ? caller.participantId : null) : ((await findCallerParticipant(caller, token))?.id ?? null);
  if (!participantId) throw notJoined();
  const now = clock.nowSec();
  const left = await (await sql()).transaction(async (tx) => {
    if ((await tx.run(participantSql.deleteLive, participantId, now)) === 0) return false;
    await tx.run(roomSql.touch, token, now, now + limits.rooms.extendTtlHours * 3600);
    return true;
  });
  if (!left) throw notJoined();
  notifyOwner(room.ownerMac, token, "leave", now);
}

/** `logDomain`: which sites participants shared, aggregated into the log (no storage). */
export async function logSharedDomains(token: string, caller: Caller, body: unknown) {
  await findLiveRoom(token);
  requireIdentified(caller);
  const input = validate(logDomainInput, body, "body");
  const p = await findCallerParticipant(caller, token);
  if (!p) throw notParticipant("Can't log domains for a room you aren't in.");
  const total = input.domains.reduce((n, d) => n + d.count, 0);
  log.info("rooms.shared_domains", { count: input.domains.length, total });
}
