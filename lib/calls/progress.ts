import { clock } from "../clock";
import { config } from "../config";
import { db, isDue, lockRow, type Tx } from "../db";
import { due as dueSql } from "../db/statements";
import { log } from "../log";
import { publishCallState } from "./call-events";
import { publicState } from "./call-view";
import { limits } from "../protocol";
import { processState } from "../process-state";

/**
 * The call-progress state machine of the original server (ref §3), kept exactly:
 *
 *   init ─hello(one side)→ half-initiated (shown as init) ─hello(other side)→ alerting
 *   alerting ─accept→ connecting ─media-up(one side)→ half-connected ─media-up(other)→ connected
 *   any ─terminate(reason)→ terminated;  last device of a side gone → terminated / closed
 *
 * Timers (supervisory 10 s from a hello while half-initiated, ringing 30 s from the callee's
 * hello while alerting, connection 10 s from accept until connected) end the call with
 * `timeout`. Every transition is one transaction holding the call's row lock, so concurrent
 * messages from several devices and instances serialise. The one pending timer lives on the
 * row (timerKind/timerAt): any instance can fire it (the sweeper checks every second, and the
 * instance that armed it also sets a setTimeout for promptness).
 *
 * What the original kept in a Redis set (`init.caller`, `init.callee`, `connected.<side>`) is
 * the helloCaller/helloCallee and mediaUpCaller/mediaUpCallee flags here; duplicate messages
 * from one side stay idempotent as they were.
 */

export type Side = "caller" | "callee";
export type ActionEvent = "accept" | "media-up" | "terminate";
export const ACTION_EVENTS: ActionEvent[] = ["accept", "media-up", "terminate"];
type TimerKind = "supervisory" | "ringing" | "connection";

/** A protocol error; `reason` is the original server's text, sent to the client verbatim. */
export class ProgressError extends Error {
  constructor(
    readonly reason: string,
    readonly status: 400 | 401 | 404 | 503 = 400,
  ) {
    super(reason);
  }
}

export const REASONS = {
  malformed: "Malformed message.",
  unknownType: "Unknown messageType",
  badCallId: "bad callId",
  badAuth: "bad authentication",
  badReason: "Invalid reason: should be alphanumeric",
  unavailable: "Service Unavailable",
  missing: (names: string[]) => `Missing parameters: ${names.join(", ")}`,
  badEvent: (event: string) => `${event} state is invalid. Should be one of: ${ACTION_EVENTS.join(", ")}`,
  noTransition: (state: string, event: string) => `No transition from ${state} state with ${event} event.`,
};

const REASON_RE = /^[a-zA-Z0-9-]+$/;

type CallState = {
  id: string;
  calleeMac: string;
  state: string;
  reason: string | null;
  helloCaller: boolean;
  helloCallee: boolean;
  mediaUpCaller: boolean;
  mediaUpCallee: boolean;
  callerDevices: number;
  calleeDevices: number;
  timerKind: string | null;
  timerAt: Date | null;
  endedAt: Date | null;
  expiresAt: Date;
};

type CallUpdate = NonNullable<Parameters<Tx["call"]["update"]>[0]>["data"];

type Change = { call: CallState; state: string; reason: string | null; acceptedDevice?: string | null };

function timers() {
  return config().calls.timers;
}

function afterSec(sec: number) {
  return new Date(clock.nowMs() + sec * 1000);
}

/** An ended call's record: it ends now and is kept `durationSec` more so both sides can read how. */
function endedNow() {
  const now = clock.nowMs();
  return { endedAt: new Date(now), expiresAt: new Date(now + limits.calls.durationSec * 1000) };
}

/** The media session of a connected call may be used as long as its tokens (24 h). */
export const CONVERSATION_SEC = 24 * 3600;

/**
 * Runs one transition: lock the row, read it (a missing or expired call is `bad callId`),
 * apply `step`, commit, then publish the change and arm the in-process timer (`timer`: the
 * row's new timerAt), both never before the commit.
 */
async function transition<T>(
  callId: string,
  step: (tx: Tx, call: CallState) => Promise<{ result: T; change?: Change; timer?: Date }>,
) {
  const { result, change, timer } = await db().$transaction(async (tx) => {
    await lockRow(tx, "Call", callId);
    const call = await tx.call.findUnique({ where: { id: callId } });
    if (!call || call.expiresAt.getTime() <= clock.nowMs()) throw new ProgressError(REASONS.badCallId, 404);
    return step(tx, call);
  });
  if (timer) scheduleTimer(callId, timer);
  if (change) {
    await publishCallState(change.call, change.state, change.reason, change.acceptedDevice);
  }
  return result;
}

/**
 * Marks the call terminated (keeping the first reason); undefined when it already was.
 * `end`: the conversation is over too, even for a call that connected.
 */
async function terminate(tx: Tx, call: CallState, reason: string | null, opts: { end?: boolean } = {}): Promise<Change | undefined> {
  if (call.state === "terminated") return undefined;
  const goesOn = call.mediaUpCaller && call.mediaUpCallee && !opts.end;
  await tx.call.update({
    where: { id: call.id },
    data: {
      state: "terminated",
      reason: call.reason ?? reason,
      timerKind: null,
      timerAt: null,
      // A call that connected goes on in its media session: its record (and its right to the
      // p2p signaling relay) lasts until a side hangs up (endCall) or its tokens run out.
      ...(goesOn ? {} : endedNow()),
    },
  });
  return { call, state: "terminated", reason: call.reason ?? reason };
}

export type HelloReply = { messageType: "hello"; state: string; reason?: string };

/**
 * `hello` from one device of `side` (ref §3.1). Counts the device (unless it already said
 * hello), answers with the state as it was before this hello (half-initiated shown as init)
 * and the stored reason, and moves init → half-initiated → alerting.
 */
export async function sayHello(callId: string, side: Side, opts: { countDevice?: boolean } = {}): Promise<HelloReply> {
  return transition(callId, async (tx, call) => {
    const before = call.state;
    const reply: HelloReply = { messageType: "hello", state: publicState(before) };
    if (call.reason) reply.reason = call.reason;

    const data: CallUpdate = {};
    if (opts.countDevice !== false) {
      if (side === "caller") data.callerDevices = { increment: 1 };
      else data.calleeDevices = { increment: 1 };
    }

    let change: Change | undefined;
    if (before === "init" || before === "half-initiated") {
      const helloCaller = call.helloCaller || side === "caller";
      const helloCallee = call.helloCallee || side === "callee";
      data.helloCaller = helloCaller;
      data.helloCallee = helloCallee;
      if (helloCaller && helloCallee) {
        data.state = "alerting";
        // Ringing runs from the callee's (first) hello. If the callee spoke first, that hello
        // armed the supervisory timer, so its time is timerAt − supervisory.
        const calleeHelloMs =
          side === "caller" && call.timerKind === "supervisory" && call.timerAt
            ? call.timerAt.getTime() - timers().supervisory * 1000
            : clock.nowMs();
        data.timerKind = "ringing" satisfies TimerKind;
        data.timerAt = new Date(calleeHelloMs + timers().ringing * 1000);
        change = { call, state: "alerting", reason: null };
      } else {
        data.state = "half-initiated";
        // Every hello arms a supervisory timer; the earliest is the one that can fire.
        if (call.timerKind !== "supervisory") {
          data.timerKind = "supervisory" satisfies TimerKind;
          data.timerAt = afterSec(timers().supervisory);
        }
      }
    }
    if (Object.keys(data).length) await tx.call.update({ where: { id: call.id }, data });
    return { result: reply, change, timer: data.timerAt instanceof Date ? data.timerAt : undefined };
  });
}

/**
 * `action` from a device (ref §3.2–3.4). `accept` records which device accepted (its
 * sibling callee devices are then answered elsewhere); `media-up` counts once per side;
 * `terminate` ends the call from any state with the client's reason.
 */
export async function applyAction(
  callId: string,
  side: Side,
  deviceId: string,
  event: string,
  reason?: unknown,
): Promise<void> {
  if (!ACTION_EVENTS.includes(event as ActionEvent)) throw new ProgressError(REASONS.badEvent(String(event)));
  if (event === "terminate") {
    if (reason !== undefined && (typeof reason !== "string" || !REASON_RE.test(reason))) {
      throw new ProgressError(REASONS.badReason);
    }
    await transition(callId, async (tx, call) => ({ result: undefined, change: await terminate(tx, call, (reason as string) ?? null) }));
    return;
  }
  await transition(callId, async (tx, call) => {
    if (event === "accept") {
      if (call.state !== "alerting") throw new ProgressError(REASONS.noTransition(call.state, event));
      const timerAt = afterSec(timers().connection);
      await tx.call.update({
        where: { id: call.id },
        data: { state: "connecting", acceptedDevice: deviceId, timerKind: "connection" satisfies TimerKind, timerAt },
      });
      return { result: undefined, change: { call, state: "connecting", reason: null, acceptedDevice: deviceId }, timer: timerAt };
    }
    // media-up
    if (call.state !== "connecting" && call.state !== "half-connected") {
      throw new ProgressError(REASONS.noTransition(call.state, event));
    }
    const mediaUpCaller = call.mediaUpCaller || side === "caller";
    const mediaUpCallee = call.mediaUpCallee || side === "callee";
    const state = mediaUpCaller && mediaUpCallee ? "connected" : "half-connected";
    if (state === call.state) return { result: undefined }; // the same side again: nothing new
    await tx.call.update({
      where: { id: call.id },
      data: {
        state,
        mediaUpCaller,
        mediaUpCallee,
        ...(state === "connected"
          ? { timerKind: null, timerAt: null, expiresAt: new Date(clock.nowMs() + CONVERSATION_SEC * 1000) }
          : {}),
      },
    });
    return { result: undefined, change: { call, state, reason: null } };
  });
}

/**
 * A device of `side` that had said hello went away (ref §3.5): when it was the side's last
 * one, the call ends with `closed` — unless it had already ended, in which case `closed` is
 * only recorded if no reason was (bug 1103898: one termination reason, logged once).
 */
export async function deviceGone(callId: string, side: Side): Promise<void> {
  const field = side === "caller" ? "callerDevices" : "calleeDevices";
  try {
    await transition(callId, async (tx, call) => {
      const left = Math.max(0, call[field] - 1);
      await tx.call.update({ where: { id: call.id }, data: side === "caller" ? { callerDevices: left } : { calleeDevices: left } });
      if (left > 0) return { result: undefined };
      if (call.state === "terminated") {
        if (!call.reason) await tx.call.update({ where: { id: call.id }, data: { reason: "closed" } });
        return { result: undefined };
      }
      return { result: undefined, change: await terminate(tx, call, "closed") };
    });
  } catch (e) {
    // The record may be gone already (expired): nothing is left to close.
    if (!(e instanceof ProgressError)) throw e;
  }
}

/**
 * A side hangs up through the API (DELETE /calls/id/{callId}): before the call connected it
 * is a `terminate` with `cancel` (caller) or `reject` (callee); afterwards it ends the
 * conversation, so the record lives 60 s more and the media relay lets go.
 */
export async function endCall(callId: string, side: Side): Promise<void> {
  await transition(callId, async (tx, call) => {
    const change = await terminate(tx, call, side === "caller" ? "cancel" : "reject", { end: true });
    // Terminated earlier while connected: only the conversation ends now.
    if (!change && call.endedAt === null) await tx.call.update({ where: { id: call.id }, data: endedNow() });
    return { result: undefined, change };
  });
}

/** Whether a pending timer's condition still holds (ref §3 "Timers"). */
function timerApplies(kind: string | null, state: string) {
  switch (kind) {
    case "supervisory":
      return state === "half-initiated";
    case "ringing":
      return state === "alerting";
    case "connection":
      return state !== "connected" && state !== "terminated";
    default:
      return false;
  }
}

/** Fires one call's timer if it is due and still applies; true when it ended the call. */
export async function fireTimer(callId: string): Promise<boolean> {
  try {
    return await transition(callId, async (tx, call) => {
      if (!call.timerAt || call.timerAt.getTime() > clock.nowMs()) return { result: false };
      if (!timerApplies(call.timerKind, call.state)) {
        await tx.call.update({ where: { id: call.id }, data: { timerKind: null, timerAt: null } });
        return { result: false };
      }
      return { result: true, change: await terminate(tx, call, "timeout") };
    });
  } catch (e) {
    if (e instanceof ProgressError) return false;
    throw e;
  }
}

/** Every due timer (the sweeper, each second, on any instance). */
export async function fireDueTimers(): Promise<number> {
  if (!(await isDue(dueSql.callTimers, clock.nowMs()))) return 0;
  const due = await db().call.findMany({
    where: { timerAt: { lte: new Date(clock.nowMs()) } },
    select: { id: true },
    take: 500,
  });
  let fired = 0;
  for (const { id } of due) if (await fireTimer(id)) fired++;
  return fired;
}

/**
 * Expiry (ref: a call record lives 60 s). A live call past its time ends — `timeout`, or
 * `closed` for one whose connected state was never closed by its streams — and is kept 60 s
 * more so both sides can still read how it ended; an ended call past its time is deleted.
 */
export async function sweepCalls(): Promise<{ ended: number; deleted: number }> {
  const now = new Date(clock.nowMs());
  if (!(await isDue(dueSql.calls, now.getTime()))) return { ended: 0, deleted: 0 };
  const live = await db().call.findMany({
    where: { expiresAt: { lte: now }, state: { not: "terminated" } },
    select: { id: true },
    take: 500,
  });
  let ended = 0;
  for (const { id } of live) {
    const done = await db().$transaction(async (tx) => {
      await lockRow(tx, "Call", id);
      const call = await tx.call.findUnique({ where: { id } });
      if (!call || call.state === "terminated" || call.expiresAt > now) return undefined;
      return terminate(tx, call, call.state === "connected" ? "closed" : "timeout", { end: true });
    });
    if (done) {
      ended++;
      await publishCallState(done.call, done.state, done.reason);
    }
  }
  const { count } = await db().call.deleteMany({ where: { expiresAt: { lte: now }, state: "terminated" } });
  return { ended, deleted: count };
}

// In-process timers: only a hint for promptness, the row is the truth. Process state, so
// every bundle of the process shares one table.
const pending = processState("callTimers", () => new Map<string, ReturnType<typeof setTimeout>>());

function scheduleTimer(callId: string, at: Date) {
  const old = pending.get(callId);
  if (old) clearTimeout(old);
  const delay = Math.min(Math.max(0, at.getTime() - clock.nowMs()) + 20, 120_000);
  const t = setTimeout(() => {
    pending.delete(callId);
    fireTimer(callId).catch((e) => log.warn("calls.timer_failed", { error: (e as Error).message }));
  }, delay);
  t.unref?.();
  pending.set(callId, t);
}
