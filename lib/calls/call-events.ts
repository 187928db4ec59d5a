import { publish } from "../events/bus";
import { log } from "../log";
import { notifyUserLater } from "../push/notifier";
import { type CallRow, incomingCallView, publicState } from "./call-view";

/**
 * Live events of calls, on the bus so they reach every instance (contract §6):
 * - `call:<callId>`: what the progress streams of both sides listen to (state changes, and
 *   client messages relayed to the instance that holds the addressed device);
 * - `user:<calleeMac>`: what the callee's /events streams carry as `event: call` (a new call
 *   rings every dashboard tab; each state change lets the tabs that did not answer stop).
 */

export type CallStateMessage = {
  t: "state";
  state: string;
  reason?: string;
  /** the device that accepted, with "connecting": the callee's other devices were answered elsewhere */
  acceptedDevice?: string;
};

export type UserCallEvent = {
  type: "call";
  callId: string;
  state: string;
  reason?: string;
  [k: string]: unknown;
};

export function callChannel(callId: string) {
  return `call:${callId}`;
}

function warn(e: unknown) {
  log.warn("calls.event_failed", { error: (e as Error).message });
}

/** A new call: push `calls` URLs with version = the call's timestamp, and ring browsers. */
export function announceIncomingCall(call: CallRow) {
  notifyUserLater(call.calleeMac, "calls", call.timestamp);
  const event: UserCallEvent = { type: "call", ...incomingCallView(call), callId: call.id, state: publicState(call.state) };
  void publish(`user:${call.calleeMac}`, event).catch(warn);
}

/** A state change, to both sides' progress streams and to the callee's dashboards. */
export async function publishCallState(
  call: { id: string; calleeMac: string },
  state: string,
  reason: string | null,
  acceptedDevice?: string | null,
) {
  const shown = publicState(state);
  const m: CallStateMessage = { t: "state", state: shown };
  if (reason) m.reason = reason;
  if (acceptedDevice) m.acceptedDevice = acceptedDevice;
  const user: UserCallEvent = { type: "call", callId: call.id, state: shown };
  if (reason) user.reason = reason;
  await Promise.all([publish(callChannel(call.id), m).catch(warn), publish(`user:${call.calleeMac}`, user).catch(warn)]);
}
