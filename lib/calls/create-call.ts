import { type Caller } from "../auth/caller";
import { findLiveCallUrl } from "../call-urls/call-urls";
import { clock } from "../clock";
import { config } from "../config";
import { randomHex, userMacFor } from "../crypto";
import { db } from "../db";
import { errno, errors, LoopError } from "../http/errors";
import { videoProvider } from "../video/provider";
import { announceIncomingCall } from "./call-events";
import { type CallRow, progressUrlFor } from "./call-view";

/**
 * Starting a call (ref §2.5): a link call (`POST /calls/{token}`, anyone holding a live call
 * URL) or a direct call (`POST /calls`, a registered user calling people by email). Either
 * way: one media session, the callee's token stored, the caller's handed back once and never
 * stored, both sides' progress tokens, and the callee woken (push `calls` URLs and a live
 * event on `user:<calleeMac>`).
 */

export type CallType = "audio" | "audio-video";

const TOKEN_SEC = 24 * 3600;

type NewCall = {
  /** Everyone the call rings, the first one being the call's primary callee. */
  calleeMacs: string[];
  callerMac: string | null;
  callerId: string;
  callType: CallType;
  subject?: string;
  calleeFriendlyName?: string | null;
  callToken?: string | null;
  urlCreationDate?: number | null;
  calleeName: string;
};

/** The caller's answer: what it needs to join the media session and follow progress. */
export type StartedCall = {
  callId: string;
  websocketToken: string;
  sessionId: string;
  sessionToken: string;
  apiKey: string;
  progressURL: string;
  provider: string;
};

async function createCall(input: NewCall): Promise<StartedCall> {
  const p = await videoProvider();
  const sessionId = await p.createSession();
  const id = randomHex(16);
  const token = (subject: "caller" | "callee", name: string) =>
    p.createToken(sessionId, {
      role: "publisher",
      subject,
      expireSec: TOKEN_SEC,
      data: JSON.stringify({ name, kind: "call", ref: id }),
    });
  const now = clock.nowMs();
  // Each callee gets a call-progress token of its own (issue 11): one who did not answer
  // cannot act on the leg another callee accepted.
  const calleeTokens = new Map(input.calleeMacs.map((userMac) => [userMac, randomHex(16)]));
  const row: CallRow = await db().call.create({
    data: {
      id,
      calleeMac: input.calleeMacs[0],
      callees: { create: input.calleeMacs.map((userMac) => ({ userMac, wsToken: calleeTokens.get(userMac)! })) },
      callerMac: input.callerMac,
      callerId: input.callerId,
      callType: input.callType,
      subject: input.subject ?? null,
      calleeFriendlyName: input.calleeFriendlyName ?? null,
      callToken: input.callToken ?? null,
      urlCreationDate: input.urlCreationDate ?? null,
      provider: p.name,
      apiKey: p.apiKey,
      sessionId,
      // Every callee device shares one token: the relay keeps the newest stream of a subject.
      calleeToken: token("callee", input.calleeName),
      wsCallerToken: randomHex(16),
      wsCalleeToken: randomHex(16),
      state: "init",
      timestamp: Math.floor(now / 1000),
      expiresAt: new Date(now + config().calls.durationSec * 1000),
    },
  });
  announceIncomingCall(row, input.calleeMacs, calleeTokens);
  return {
    callId: id,
    websocketToken: row.wsCallerToken,
    sessionId,
    sessionToken: token("caller", input.callerId),
    apiKey: p.apiKey,
    progressURL: progressUrlFor(id),
    provider: p.name,
  };
}

/** The identity a registered caller is known by (ref: it replaces the link's callerId). */
async function callerIdentity(caller: Caller): Promise<string | null> {
  if (caller.kind === "web") return caller.email;
  if (caller.kind === "hawk" && caller.userId) {
    const u = await db().user.findUnique({ where: { id: caller.userId }, select: { email: true } });
    return u?.email ?? null;
  }
  return null;
}

function macOf(caller: Caller) {
  return caller.kind === "hawk" || caller.kind === "web" ? caller.userMac : null;
}

/** GET /calls/{token}: who the link calls (ref §2.5); unknown/expired/revoked → 404 / 105. */
export async function describeCallLink(token: string) {
  const link = await findLiveCallUrl(token);
  if (!link) throw errors.tokenNotFound();
  return {
    calleeFriendlyName: link.issuer,
    urlCreationDate: link.timestamp,
    ...(link.subject !== null ? { subject: link.subject } : {}),
  };
}

/** POST /calls/{token}: call the link's owner. */
export async function startLinkCall(
  token: string,
  caller: Caller,
  body: { callType: CallType; subject?: string },
): Promise<StartedCall> {
  const link = await findLiveCallUrl(token);
  if (!link) throw errors.tokenNotFound();
  const identity = await callerIdentity(caller);
  return createCall({
    calleeMacs: [link.userMac],
    callerMac: macOf(caller),
    callerId: identity ?? link.callerId,
    callType: body.callType,
    // The caller's subject, else the one the owner put on the link.
    subject: body.subject ?? link.subject ?? undefined,
    calleeFriendlyName: link.issuer,
    callToken: link.token,
    urlCreationDate: link.timestamp,
    calleeName: link.issuer,
  });
}

/**
 * Who can be called: a user with a `calls` push URL (a desktop client, as the original) or a
 * web user (who hears calls through /events).
 */
async function reachable(calleeMac: string) {
  const [push, user] = await Promise.all([
    db().pushUrl.findFirst({ where: { userMac: calleeMac, topic: "calls" }, select: { id: true } }),
    db().user.findUnique({ where: { userMac: calleeMac }, select: { id: true } }),
  ]);
  return push !== null || user !== null;
}

/**
 * POST /calls: a registered user calls people by email. Every reachable identity is rung on
 * all of their devices; the first device to accept wins and the others are answered
 * elsewhere. None reachable → 400 / 122.
 */
export async function startDirectCall(
  caller: Caller,
  body: { calleeId: unknown; callType: CallType; subject?: string },
): Promise<StartedCall> {
  const identity = await callerIdentity(caller);
  const callerMac = macOf(caller);
  if (!identity || !callerMac) throw errors.registeredOnly();
  const emails = (Array.isArray(body.calleeId) ? body.calleeId : [body.calleeId]).filter(
    (v): v is string => typeof v === "string",
  );
  const candidates = [...new Map(emails.map((e) => [userMacFor(e), e.trim()])).entries()].filter(([mac]) => mac !== callerMac);
  const reachableMacs = (await Promise.all(candidates.map(async ([mac]) => ((await reachable(mac)) ? mac : null)))).filter(
    (m): m is string => m !== null,
  );
  if (reachableMacs.length === 0) {
    throw new LoopError(400, errno.USER_UNAVAILABLE, "Could not find any existing user to call");
  }
  return createCall({
    calleeMacs: reachableMacs,
    callerMac,
    callerId: identity,
    callType: body.callType,
    subject: body.subject,
    calleeName: reachableMacs.length === 1 ? candidates.find(([m]) => m === reachableMacs[0])![1] : "",
  });
}
