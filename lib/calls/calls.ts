import { createHash } from "node:crypto";
import { clock } from "../clock";
import { safeEqual } from "../crypto";
import { db } from "../db";
import { errno, errors, LoopError } from "../http/errors";
import { type CalleeLeg, type CallRow, callStatusView, incomingCallView } from "./call-view";
import { endCall, ProgressError, type Side } from "./progress";

/** Reading and ending calls: the callee's list, one call's status, hanging up (ref §2.5, contract §3). */

/** The largest version a client may send: the largest value of a 32-bit Int column. */
export const MAX_VERSION = 2_147_483_647;

/** GET /calls?version=N: the callee's live calls created at or after N, with its tokens. */
export async function listIncomingCalls(userMac: string, version: string) {
  const since = Number(version);
  if (!Number.isFinite(since)) throw errors.invalid("version should be a number");
  // Versions are unix seconds in a 32-bit column: anything larger never reaches the database.
  if (since < 0 || since > MAX_VERSION) throw errors.invalid(`version should be between 0 and ${MAX_VERSION}`);
  const rows = await db().call.findMany({
    where: {
      callees: { some: { userMac } },
      timestamp: { gte: Math.floor(since) },
      state: { not: "terminated" },
      expiresAt: { gt: new Date(clock.nowMs()) },
    },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    take: 100,
    include: { callees: { where: { userMac }, select: { wsToken: true, mediaToken: true } } },
  });
  return { calls: rows.map(({ callees, ...c }) => incomingCallView(c, callees[0])) };
}

/** Who is asking about a call: a side's progress token, or the caller's signed-in identity. */
export type CallAccess = { websocketToken?: string | null; userMac?: string | null };

export async function findCall(callId: string): Promise<CallRow | null> {
  if (!/^[0-9a-f]{32}$/.test(callId)) return null;
  const row = await db().call.findUnique({ where: { id: callId } });
  if (!row || row.expiresAt.getTime() <= clock.nowMs()) return null;
  return row;
}

/** The side a progress token belongs to, compared in constant time; null when neither. */
export function sideOfToken(call: Pick<CallRow, "wsCallerToken" | "wsCalleeToken">, token: string, calleeTokens: string[] = []): Side | null {
  if (safeEqual(token, call.wsCalleeToken)) return "callee";
  if (safeEqual(token, call.wsCallerToken)) return "caller";
  for (const t of calleeTokens) if (safeEqual(token, t)) return "callee";
  return null;
}

/** The per-callee progress tokens of a call (empty for calls from before them). */
export async function calleeTokensOf(callId: string): Promise<string[]> {
  const rows = await db().callCallee.findMany({ where: { callId, wsToken: { not: null } }, select: { wsToken: true } });
  return rows.map((r) => r.wsToken!);
}

/**
 * A short tag naming which callee token a device was opened with: callee device ids start
 * with it, so once a device has accepted, the other callees' tokens are told apart from its own.
 */
export function tokenTag(token: string) {
  return createHash("sha256").update(token).digest("hex").slice(0, 8);
}

/** Whether this callee token may still act: nobody accepted yet, or its own device did. */
export function calleeMayAct(call: object, token: string) {
  const accepted = (call as { acceptedDevice?: string | null }).acceptedDevice;
  if (!accepted || !accepted.includes(".")) return true;
  return accepted.split(".", 1)[0] === tokenTag(token);
}

const callNotFound = () => new LoopError(404, errno.INVALID_TOKEN, "Call not found.");

async function callAndSide(callId: string, access: CallAccess): Promise<{ call: CallRow; side: Side; leg?: CalleeLeg | null }> {
  const call = await findCall(callId);
  if (!call) throw callNotFound();
  let side: Side | null = null;
  if (access.websocketToken) {
    side = sideOfToken(call, access.websocketToken, await calleeTokensOf(call.id));
    if (!side) throw errors.unauthorized("bad authentication", "Bearer");
    if (side === "callee" && !calleeMayAct(call, access.websocketToken)) throw errors.forbidden("Another callee answered this call.");
  } else if (access.userMac) {
    side = access.userMac === call.callerMac ? "caller" : (await isCallee(call.id, access.userMac)) ? "callee" : null;
  } else {
    throw errors.unauthorized("Unauthorized", "Bearer,Hawk");
  }
  if (!side) throw errors.forbidden("Not a party to this call.");
  return { call, side, leg: side === "callee" ? await calleeLegOf(call.id, access) : null };
}

/** The asking callee's own tokens: by its progress token, else by its account. */
async function calleeLegOf(callId: string, access: CallAccess): Promise<CalleeLeg | null> {
  const select = { wsToken: true, mediaToken: true } as const;
  if (access.websocketToken) return db().callCallee.findFirst({ where: { callId, wsToken: access.websocketToken }, select });
  if (access.userMac) return db().callCallee.findUnique({ where: { callId_userMac: { callId, userMac: access.userMac } }, select });
  return null;
}

async function isCallee(callId: string, userMac: string) {
  return (await db().callCallee.findUnique({ where: { callId_userMac: { callId, userMac } }, select: { callId: true } })) !== null;
}

/** GET /calls/id/{callId}: the call as one of its sides sees it. */
export async function getCallStatus(callId: string, access: CallAccess) {
  const { call, side, leg } = await callAndSide(callId, access);
  return callStatusView(call, side, leg);
}

/** DELETE /calls/id/{callId}: the caller cancels (or hangs up); the callee rejects (or hangs up). */
export async function hangUp(callId: string, access: CallAccess) {
  const { side } = await callAndSide(callId, access);
  try {
    await endCall(callId, side);
  } catch (e) {
    // It expired between the two steps.
    if (e instanceof ProgressError) throw callNotFound();
    throw e;
  }
}

/**
 * The p2p relay asks whether a media token of kind "call" still opens its session: the call
 * exists and is not over (a connected call lasts until a side hangs up). A callee's own media
 * token (it names its `leg`) opens it only once a device of that leg accepted: a callee who
 * did not answer never joins the media, before or after another callee answered.
 */
export async function isCallMember(callId: string, subject: string, leg?: string): Promise<boolean> {
  const row = await db().call.findUnique({
    where: { id: callId },
    select: { state: true, endedAt: true, expiresAt: true, mediaUpCaller: true, mediaUpCallee: true, acceptedDevice: true },
  });
  if (!row || row.endedAt !== null || row.expiresAt.getTime() <= clock.nowMs()) return false;
  const live = row.state !== "terminated" || (row.mediaUpCaller && row.mediaUpCallee);
  if (!live) return false;
  if (subject === "callee" && leg !== undefined) {
    const accepted = row.acceptedDevice;
    return !!accepted && accepted.includes(".") && accepted.split(".", 1)[0] === leg;
  }
  return true;
}
