import { callUrlFor } from "../call-urls/call-urls";
import { config } from "../config";

/** Wire shapes of calls (ref §2.5, contract §3, §5, §6). */

export type CallRow = {
  id: string;
  calleeMac: string;
  callerMac: string | null;
  callerId: string;
  callType: string;
  subject: string | null;
  calleeFriendlyName: string | null;
  callToken: string | null;
  urlCreationDate: number | null;
  provider: string;
  apiKey: string;
  sessionId: string;
  calleeToken: string;
  wsCallerToken: string;
  wsCalleeToken: string;
  state: string;
  reason: string | null;
  timestamp: number;
};

/** Where a side's progress stream lives and where it POSTs hello/action (contract §6). */
export function progressUrlFor(callId: string) {
  return `${config().publicUrl}/calls/id/${callId}/progress`;
}

/** The states clients see: "half-initiated" is internal and shown as "init" (ref §3). */
export function publicState(state: string) {
  return state === "half-initiated" ? "init" : state;
}

/**
 * One callee's own credentials (issue 11): its call-progress token and its media token. Calls
 * from before per-callee tokens have neither (null) and share the call's.
 */
export type CalleeLeg = { wsToken: string | null; mediaToken: string | null };

/** An incoming call as the callee lists it (`GET /calls?version=`), with the callee's tokens. */
export function incomingCallView(c: CallRow, leg?: CalleeLeg | null) {
  const view: Record<string, unknown> = {
    callId: c.id,
    callType: c.callType,
    callerId: c.callerId,
    // The callee's own progress token; calls from before per-callee tokens share one.
    websocketToken: leg?.wsToken ?? c.wsCalleeToken,
    apiKey: c.apiKey,
    sessionId: c.sessionId,
    // The callee's own media token; calls from before per-callee tokens share one.
    sessionToken: leg?.mediaToken ?? c.calleeToken,
    progressURL: progressUrlFor(c.id),
    provider: c.provider,
    timestamp: c.timestamp,
  };
  if (c.subject !== null) view.subject = c.subject;
  if (c.callToken !== null) {
    view.callToken = c.callToken;
    view.callUrl = callUrlFor(c.callToken);
    // Deprecated duplicate kept for old clients (ref §2.5, bug 1032966).
    view.call_url = view.callUrl;
    view.urlCreationDate = c.urlCreationDate;
  }
  return view;
}

/** A call as one of its sides sees it (`GET /calls/id/{callId}`): the state, no secrets of the other side. */
export function callStatusView(c: CallRow, side: "caller" | "callee", leg?: CalleeLeg | null) {
  const base: Record<string, unknown> =
    side === "callee"
      ? incomingCallView(c, leg)
      : {
          callId: c.id,
          callType: c.callType,
          callerId: c.callerId,
          progressURL: progressUrlFor(c.id),
          provider: c.provider,
          timestamp: c.timestamp,
          ...(c.subject !== null ? { subject: c.subject } : {}),
          ...(c.calleeFriendlyName !== null ? { calleeFriendlyName: c.calleeFriendlyName } : {}),
          ...(c.urlCreationDate !== null ? { urlCreationDate: c.urlCreationDate } : {}),
        };
  base.state = publicState(c.state);
  if (c.reason) base.reason = c.reason;
  return base;
}
