import { db } from "../db";
import { publish } from "../events/bus";
import { log } from "../log";
import { notifyUserLater } from "../push/notifier";
import { type CalleeLeg, type CallRow, incomingCallView, publicState } from "./call-view";

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

/** A new call: push every callee's `calls` URLs with version = the call's timestamp, and ring browsers. */
export function announceIncomingCall(call: CallRow, calleeMacs: string[], legs?: Map<string, CalleeLeg>) {
  for (const mac of calleeMacs) {
    // Each callee's event carries its own tokens only.
    const event: UserCallEvent = { type: "call", ...incomingCallView(call, legs?.get(mac)), callId: call.id, state: publicState(call.state) };
    notifyUserLater(mac, "calls", call.timestamp);
    void publish(`user:${mac}`, event).catch(warn);
  }
}

/** Everyone a call rings (the primary callee when the call predates the callee list). */
async function calleeMacsOf(call: { id: string; calleeMac: string }) {
  const rows = await db().callCallee.findMany({ where: { callId: call.id }, select: { userMac: true } });
  return rows.length ? rows.map((r) => r.userMac) : [call.calleeMac];
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
  const macs = await calleeMacsOf(call).catch(() => [call.calleeMac]);
  await Promise.all([
    publish(callChannel(call.id), m).catch(warn),
    ...macs.map((mac) => publish(`user:${mac}`, user).catch(warn)),
  ]);
}
