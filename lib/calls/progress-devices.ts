import { config } from "../config";
import { randomHex, randomToken } from "../crypto";
import { publish, subscribeReady } from "../events/bus";
import type { SseSend } from "../events/sse";
import { log } from "../log";
import { type CallStateMessage, callChannel } from "./call-events";
import { calleeMayAct, calleeTokensOf, findCall, sideOfToken, tokenTag } from "./calls";
import { applyAction, deviceGone, ProgressError, REASONS, sayHello, type Side } from "./progress";
import { processState } from "../process-state";

/**
 * The call-progress transport (contract §6; protocol in docs/call-progress.md). The original
 * ran one WebSocket per device; here a device is one open SSE stream (`GET progressURL`), and
 * what the device would have written on its socket arrives as POSTs naming the stream's
 * `deviceId`. Each POST is handed to the stream it names — in this process directly, or over
 * the bus to whichever instance holds it — and handled there exactly as the original handled
 * a socket frame, so per-device facts (said hello, what it was last told) stay with the
 * stream. Server messages (`hello`, `progress`, `echo`, `error`) go out on the stream as SSE
 * events of those names; the POST's answer repeats the reply to that message.
 */

export type ServerMessage =
  | { messageType: "hello"; state: string; reason?: string }
  | { messageType: "progress"; state: string; reason?: string }
  | { messageType: "echo"; echo: unknown }
  | { messageType: "error"; reason: string };

export type ClientMessage = { messageType?: unknown; [k: string]: unknown };

/** What a POST gets back: the reply (null for an action, whose effect arrives as progress) or an error. */
export type FrameResult = { ok: true; reply: ServerMessage | null } | { ok: false; reason: string; status: 400 | 401 | 404 | 503 };

type Device = {
  id: string;
  callId: string;
  side: Side;
  /** "pending" while its hello is being handled: progress is held until the hello reply is out */
  hello: "no" | "pending" | "yes";
  held: CallStateMessage[];
  helloDone?: Promise<boolean>;
  receivedState?: string;
  closed: boolean;
  send: SseSend;
  close: () => void;
};

type FrameMessage = { t: "frame"; deviceId: string; side: Side; msg: ClientMessage; replyTo: string; rid: string };
type ReplyMessage = { rid: string; result: FrameResult };

// Shared by every bundle of the process (route files are bundled separately).
type Registry = { devices: Map<string, Device>; waiting: Map<string, (r: FrameResult) => void>; replyChannel?: Promise<string> };
const registry = processState<Registry>("callDevices", () => ({ devices: new Map(), waiting: new Map() }));

/** How long a closed device still accepts the action it sent before closing (see attachDevice). */
const CLOSED_DEVICE_GRACE_MS = 1500;

/** How long a POST waits for the instance holding its device (only with several instances). */
const RELAY_TIMEOUT_MS = 3000;

export const BAD_DEVICE = "bad deviceId";

/** GET progressURL, before the stream opens: 404 / 401 with the original's reasons. */
export async function authenticateDevice(
  callId: string,
  token: string | null,
): Promise<{ side: Side; tag?: string } | FrameResult & { ok: false }> {
  if (!token) return { ok: false, reason: REASONS.missing(["auth"]), status: 401 };
  const call = await findCall(callId);
  if (!call) return { ok: false, reason: REASONS.badCallId, status: 404 };
  const side = sideOfToken(call, token, await calleeTokensOf(callId));
  if (!side) return { ok: false, reason: REASONS.badAuth, status: 401 };
  // Per-callee tokens: once one callee's device accepted, another callee's token is refused.
  if (side === "callee" && !calleeMayAct(call, token)) return { ok: false, reason: REASONS.badAuth, status: 401 };
  return side === "callee" ? { side, tag: tokenTag(token) } : { side };
}

/**
 * The stream of one device: announces its `deviceId`, then carries its server messages.
 * Returns the cleanup run when the stream ends (client gone or server close).
 */
export async function attachDevice(callId: string, side: Side, send: SseSend, close: () => void, tag?: string): Promise<() => void> {
  const d = await openDevice(callId, side, send, close, tag);
  send({ event: "device", data: { deviceId: d.id, side } });
  return d.detach;
}

/**
 * One device of a call, whatever carries it (an SSE stream, or the original's WebSocket in
 * lib/calls/progress-socket.ts, which hands its frames to `handle`). Subscribed (on Redis too)
 * before it is returned, so a hello sent next sees every later state change.
 */
export async function openDevice(callId: string, side: Side, send: SseSend, close: () => void, tag?: string) {
  // A callee device's id starts with its token's tag (see calleeMayAct).
  const id = tag ? `${tag}.${randomToken(12)}` : randomToken(12);
  const device: Device = { id, callId, side, hello: "no", held: [], closed: false, send, close };
  registry.devices.set(device.id, device);
  const unsubscribe = await subscribeReady(callChannel(callId), (m) => onCallMessage(device, m));
  const detach = () => {
    if (device.closed) return;
    device.closed = true;
    // A WebSocket never let its close overtake the message sent before it; a stream and a
    // POST can arrive in either order. A device that just closed still takes the action it
    // POSTed last (a Decline closes its stream as it sends terminate/reject), and only then
    // counts as gone (which would end the call as "closed").
    const gone = () => {
      registry.devices.delete(device.id);
      unsubscribe();
      const counted = device.hello === "yes" ? Promise.resolve(true) : device.helloDone ?? Promise.resolve(false);
      void counted
        .then((ok) => (ok ? deviceGone(callId, side) : undefined))
        .catch((e) => log.warn("calls.device_gone_failed", { error: (e as Error).message }));
    };
    setTimeout(gone, CLOSED_DEVICE_GRACE_MS).unref?.();
  };
  return { id: device.id, handle: (msg: ClientMessage) => handleFrame(device, device.side, msg), detach };
}

function emit(device: Device, m: ServerMessage) {
  if (!device.closed) device.send({ event: m.messageType, data: m });
}

function onCallMessage(device: Device, raw: unknown) {
  const m = raw as CallStateMessage | FrameMessage;
  if (!m || typeof m !== "object") return;
  if (m.t === "frame") {
    if (m.deviceId !== device.id) return;
    void handleFrame(device, m.side, m.msg).then((result) => publish(m.replyTo, { rid: m.rid, result } satisfies ReplyMessage));
    return;
  }
  if (m.t !== "state") return;
  if (device.hello === "pending") device.held.push(m);
  else if (device.hello === "yes") deliverState(device, m);
}

/** A state change as the original's socket listener treated it (ref §3). */
function deliverState(device: Device, m: CallStateMessage) {
  if (device.closed) return;
  let state = m.state;
  let reason = m.reason;
  let closing = state === "terminated" || state === "connected";
  // Another callee device accepted: this one was answered elsewhere (bug 1080491).
  if (state === "connecting" && device.side === "callee" && m.acceptedDevice !== device.id) {
    state = "terminated";
    reason = "answered-elsewhere";
    closing = true;
  }
  if (device.receivedState !== state) {
    device.receivedState = state;
    emit(device, { messageType: "progress", state, ...(reason ? { reason } : {}) });
  }
  if (closing) device.close();
}

/** Handles one client message on its device (the original's socket `message` handler). */
async function handleFrame(device: Device, side: Side, msg: ClientMessage): Promise<FrameResult> {
  // A closed device (within its grace) takes a last action; nothing else.
  if (device.closed && msg.messageType !== "action") return { ok: false, reason: BAD_DEVICE, status: 400 };
  if (side !== device.side) return fail(device, REASONS.badAuth, 401);
  try {
    switch (msg.messageType) {
      case "echo": {
        const reply: ServerMessage = { messageType: "echo", echo: msg.echo };
        emit(device, reply);
        return { ok: true, reply };
      }
      case "hello":
        return await hello(device);
      case "action": {
        if (msg.event === undefined) return fail(device, REASONS.missing(["event"]));
        await applyAction(device.callId, device.side, device.id, String(msg.event), msg.reason);
        return { ok: true, reply: null };
      }
      default:
        return fail(device, REASONS.unknownType);
    }
  } catch (e) {
    if (e instanceof ProgressError) return fail(device, e.reason, e.status);
    log.error("calls.progress_failed", { error: (e as Error).stack ?? String(e) });
    return fail(device, REASONS.unavailable, 503);
  }
}

async function hello(device: Device): Promise<FrameResult> {
  const first = device.hello === "no";
  if (first) device.hello = "pending";
  let settle!: (counted: boolean) => void;
  if (first) device.helloDone = new Promise<boolean>((r) => (settle = r));
  try {
    const reply = await sayHello(device.callId, device.side, { countDevice: first });
    if (first) {
      device.hello = "yes";
      settle(true);
    }
    emit(device, reply);
    for (const m of device.held.splice(0)) deliverState(device, m);
    // Nothing more will happen on a call that is over: the server closes, as the original.
    if (reply.state === "terminated" || reply.state === "connected") device.close();
    return { ok: true, reply };
  } catch (e) {
    if (first) {
      device.hello = "no";
      device.held = [];
      settle(false);
    }
    throw e;
  }
}

/** Any error goes to the device and closes it, as the original closed the socket. */
function fail(device: Device, reason: string, status: 400 | 401 | 404 | 503 = 400): FrameResult {
  emit(device, { messageType: "error", reason });
  device.close();
  return { ok: false, reason, status };
}

/**
 * POST progressURL: checks what can be checked without the device (message type, the
 * call, the token, the hello's fields) and hands the message to its device.
 */
export async function postProgressMessage(
  callId: string,
  headerToken: string | null,
  msg: unknown,
  opts: { viaBus?: boolean } = {},
): Promise<FrameResult> {
  if (!msg || typeof msg !== "object" || Array.isArray(msg)) return { ok: false, reason: REASONS.malformed, status: 400 };
  const m = msg as ClientMessage;
  if (m.messageType !== "hello" && m.messageType !== "action" && m.messageType !== "echo") {
    return { ok: false, reason: REASONS.unknownType, status: 400 };
  }
  const auth = typeof m.auth === "string" && m.auth ? m.auth : headerToken;
  if (m.messageType === "hello") {
    const missing = [m.callId === undefined ? "callId" : null, auth ? null : "auth"].filter((x): x is string => x !== null);
    if (missing.length) return { ok: false, reason: REASONS.missing(missing), status: 400 };
    if (m.callId !== callId) return { ok: false, reason: REASONS.badCallId, status: 404 };
  } else if (!auth) {
    return { ok: false, reason: REASONS.missing(["auth"]), status: 401 };
  }
  const who = await authenticateDevice(callId, auth);
  if ("ok" in who) return who;
  if (typeof m.deviceId !== "string" || !m.deviceId) return { ok: false, reason: REASONS.missing(["deviceId"]), status: 400 };

  const local = registry.devices.get(m.deviceId);
  if (local && !opts.viaBus) {
    if (local.callId !== callId) return { ok: false, reason: BAD_DEVICE, status: 400 };
    return handleFrame(local, who.side, m);
  }
  if (!config().redisUrl && !opts.viaBus) return { ok: false, reason: BAD_DEVICE, status: 400 };
  return relay(callId, m.deviceId, who.side, m);
}

/** Sends a message to the instance holding the device and waits for its answer. */
async function relay(callId: string, deviceId: string, side: Side, msg: ClientMessage): Promise<FrameResult> {
  const replyTo = await replyChannel();
  const rid = randomHex(8);
  const answer = new Promise<FrameResult>((resolve) => {
    const timer = setTimeout(() => {
      registry.waiting.delete(rid);
      resolve({ ok: false, reason: BAD_DEVICE, status: 400 });
    }, RELAY_TIMEOUT_MS);
    timer.unref?.();
    registry.waiting.set(rid, (r) => {
      clearTimeout(timer);
      registry.waiting.delete(rid);
      resolve(r);
    });
  });
  await publish(callChannel(callId), { t: "frame", deviceId, side, msg, replyTo, rid } satisfies FrameMessage);
  return answer;
}

/** This process's reply channel, subscribed once (and ready before the first request waits on it). */
async function replyChannel() {
  if (!registry.replyChannel) {
    const ch = `callreply:${randomHex(8)}`;
    registry.replyChannel = subscribeReady(ch, (raw) => {
      const r = raw as ReplyMessage;
      registry.waiting.get(r?.rid)?.(r.result);
    }).then(() => ch);
  }
  return registry.replyChannel;
}
