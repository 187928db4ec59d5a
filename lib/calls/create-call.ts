import { type Caller } from "../auth/caller";
import { findLiveCallUrl } from "../call-urls/call-urls";
import { clock } from "../clock";
import { randomHex } from "../crypto";
import { db } from "../db";
import { errno, errors, LoopError } from "../http/errors";
import { displayNameOf, mayPlaceDirectCalls, resolveCallee, type ResolvedCallee, verifiedIdentityOf } from "../identity/identities";
import { videoProvider } from "../video/provider";
import { announceIncomingCall } from "./call-events";
import { type CalleeLeg, type CallRow, progressUrlFor } from "./call-view";
import { tokenTag } from "./calls";
import { limits } from "../protocol";

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
  /** the name the caller's media token carries to the callee (the signaling's peer name); callerId when absent */
  callerName?: string;
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
  const token = (subject: "caller" | "callee", name: string, leg?: string) =>
    p.createToken(sessionId, {
      role: "publisher",
      subject,
      expireSec: TOKEN_SEC,
      data: JSON.stringify({ name, kind: "call", ref: id, ...(leg ? { leg } : {}) }),
    });
  const now = clock.nowMs();
  // Each callee gets a call-progress token and a media token of its own (issue 11): one who
  // did not answer cannot act on, nor join the media of, the leg another callee accepted. The
  // media token names its leg by the progress token's tag, the tag the accepting device's id
  // starts with; the p2p relay admits a callee token only once its own leg accepted.
  const legs = new Map<string, CalleeLeg>(
    input.calleeMacs.map((userMac) => {
      const wsToken = randomHex(16);
      return [userMac, { wsToken, mediaToken: token("callee", input.calleeName, tokenTag(wsToken)) }];
    }),
  );
  const row: CallRow = await db().call.create({
    data: {
      id,
      calleeMac: input.calleeMacs[0],
      callees: { create: input.calleeMacs.map((userMac) => ({ userMac, ...legs.get(userMac)! })) },
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
      // No shared callee media token: each callee has its own (CallCallee.mediaToken). All of a
      // callee's devices share it; the relay keeps the newest stream of a subject.
      calleeToken: "",
      wsCallerToken: randomHex(16),
      wsCalleeToken: randomHex(16),
      state: "init",
      timestamp: Math.floor(now / 1000),
      expiresAt: new Date(now + limits.calls.durationSec * 1000),
    },
  });
  announceIncomingCall(row, input.calleeMacs, legs);
  return {
    callId: id,
    websocketToken: row.wsCallerToken,
    sessionId,
    sessionToken: token("caller", input.callerName ?? input.callerId),
    apiKey: p.apiKey,
    progressURL: progressUrlFor(id),
    provider: p.name,
  };
}

/**
 * The identity a caller is known by (ref: it replaces the link's callerId): only a verified
 * one (contract §9), else null.
 */
const callerIdentity = verifiedIdentityOf;

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
 * POST /calls: call people by verified e-mail, E.164 number or `{phoneNumber, mcc}` (contract
 * §9). Every identity someone verified is rung on all of its devices (an account's, and every
 * Hawk session that verified the number); the first device to accept wins and the others are
 * answered elsewhere. None reachable → 400 / 122. An account whose e-mail is not verified may
 * call; its callee sees no callerId.
 */
export async function startDirectCall(
  caller: Caller,
  body: { calleeId: unknown; callType: CallType; subject?: string },
): Promise<StartedCall> {
  const callerMac = macOf(caller);
  if (!callerMac || !(await mayPlaceDirectCalls(caller))) throw errors.registeredOnly();
  const identity = await callerIdentity(caller);
  const items = Array.isArray(body.calleeId) ? body.calleeId : [body.calleeId];
  const resolved = (await Promise.all(items.map(resolveCallee))).filter((r): r is ResolvedCallee => r !== null);
  const macs = new Map<string, string>();
  for (const r of resolved) for (const m of r.macs) if (m !== callerMac && !macs.has(m)) macs.set(m, r.identity);
  const reachableMacs = [...macs.keys()];
  if (reachableMacs.length === 0) {
    throw new LoopError(400, errno.USER_UNAVAILABLE, "Could not find any existing user to call");
  }
  const calleeIdentities = new Set(macs.values());
  return createCall({
    calleeMacs: reachableMacs,
    callerMac,
    callerId: identity ?? "",
    // Without a verified identity the callee learns only the caller's display name, carried
    // by the signaling as the peer's name (contract §9).
    callerName: identity ?? (await displayNameOf(caller)),
    callType: body.callType,
    subject: body.subject,
    calleeName: calleeIdentities.size === 1 ? [...calleeIdentities][0] : "",
  });
}
