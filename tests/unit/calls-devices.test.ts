import { describe, expect, it, vi } from "vitest";
import { createCallUrl } from "@/lib/call-urls/call-urls";
import { startLinkCall, type StartedCall } from "@/lib/calls/create-call";
import { listIncomingCalls } from "@/lib/calls/calls";
import { attachDevice, authenticateDevice, postProgressMessage } from "@/lib/calls/progress-devices";
import { fireDueTimers } from "@/lib/calls/progress";
import { db } from "@/lib/db";
import { subscribe } from "@/lib/events/bus";
import { manualClockPerTest } from "../support/clock";

// The progress transport (contract §6): a device is an open stream, its messages are POSTs
// naming it. Streams here are the real attachDevice with a recording `send`.

const clock = manualClockPerTest(Date.UTC(2026, 0, 1), () => db().call.deleteMany({}));

type Event = { event?: string; data: any };

/** Closing a stream runs its side's bookkeeping in the background: poll for it (no clock involved). */
const WAIT = { timeout: 10_000, interval: 20 };

async function open(call: StartedCall | { callId: string }, side: "caller" | "callee") {
  const events: Event[] = [];
  const dev = { events, closed: false, deviceId: "", close: () => {} };
  let cleanup: () => void = () => {};
  dev.close = () => {
    if (dev.closed) return;
    dev.closed = true;
    cleanup();
  };
  cleanup = await attachDevice(call.callId, side, (e) => events.push(e), () => dev.close());
  dev.deviceId = events[0].data.deviceId;
  return dev;
}

const names = (d: { events: Event[] }) =>
  d.events
    .slice(1)
    .map((e) => (e.data.state ? [e.event, e.data.state, e.data.reason] : [e.event, e.data.reason ?? e.data.echo]).filter(Boolean).join(" "));

async function newCall() {
  const link = await createCallUrl("owner-mac-devices", { callerId: "alice@example.com", issuer: "Bob" });
  const caller = await startLinkCall(link.callToken, { kind: "anonymous" }, { callType: "audio-video" });
  const { calls } = await listIncomingCalls("owner-mac-devices", "0");
  const callee = calls.find((c) => c.callId === caller.callId)!;
  return { caller, calleeToken: callee.websocketToken as string, callId: caller.callId };
}

const hello = (callId: string, token: string, deviceId: string) =>
  postProgressMessage(callId, null, { messageType: "hello", callId, auth: token, deviceId });
const action = (callId: string, token: string, deviceId: string, event: string, reason?: string) =>
  postProgressMessage(callId, token, { messageType: "action", event, deviceId, ...(reason !== undefined ? { reason } : {}) });

async function state(callId: string) {
  const r = (await db().call.findUnique({ where: { id: callId } }))!;
  return [r.state, r.reason];
}

describe("a call from hello to connected", () => {
  it("both sides get hello, then progress; the server closes the streams at connected", async () => {
    const c = await newCall();
    const caller = await open(c, "caller");
    const callee = await open(c, "callee");
    expect(caller.events[0]).toEqual({ event: "device", data: { deviceId: caller.deviceId, side: "caller" } });

    expect(await hello(c.callId, c.caller.websocketToken, caller.deviceId)).toEqual({
      ok: true,
      reply: { messageType: "hello", state: "init" },
    });
    expect(await hello(c.callId, c.calleeToken, callee.deviceId)).toMatchObject({ ok: true, reply: { state: "init" } });
    expect(names(caller)).toEqual(["hello init", "progress alerting"]);
    // The device whose hello caused alerting hears it after its hello reply.
    expect(names(callee)).toEqual(["hello init", "progress alerting"]);

    expect(await action(c.callId, c.calleeToken, callee.deviceId, "accept")).toEqual({ ok: true, reply: null });
    await action(c.callId, c.caller.websocketToken, caller.deviceId, "media-up");
    await action(c.callId, c.calleeToken, callee.deviceId, "media-up");
    for (const d of [caller, callee]) {
      expect(names(d).slice(2)).toEqual(["progress connecting", "progress half-connected", "progress connected"]);
      expect(d.closed).toBe(true);
    }
    // Both sides' last stream closed after connected: the call is closed (ref §3.5).
    await vi.waitFor(async () => expect(await state(c.callId)).toEqual(["terminated", "closed"]), WAIT);
  });

  it("echo answers on the stream and in the reply", async () => {
    const c = await newCall();
    const d = await open(c, "caller");
    expect(await postProgressMessage(c.callId, c.caller.websocketToken, { messageType: "echo", echo: "ping", deviceId: d.deviceId })).toEqual({
      ok: true,
      reply: { messageType: "echo", echo: "ping" },
    });
    expect(names(d)).toEqual(["echo ping"]);
  });
});

describe("several callee devices", () => {
  it("the first to accept wins; the others get terminated / answered-elsewhere and close", async () => {
    const c = await newCall();
    const caller = await open(c, "caller");
    const phone = await open(c, "callee");
    const laptop = await open(c, "callee");
    await hello(c.callId, c.caller.websocketToken, caller.deviceId);
    await hello(c.callId, c.calleeToken, phone.deviceId);
    await hello(c.callId, c.calleeToken, laptop.deviceId);
    expect(names(laptop)).toEqual(["hello alerting"]);

    await action(c.callId, c.calleeToken, laptop.deviceId, "accept");
    expect(names(phone)).toEqual(["hello init", "progress alerting", "progress terminated answered-elsewhere"]);
    expect(phone.closed).toBe(true);
    expect(names(laptop)).toEqual(["hello alerting", "progress connecting"]);
    expect(laptop.closed).toBe(false);
    expect(names(caller).at(-1)).toBe("progress connecting");
    // The other device going away is not the side's last: the call goes on.
    await vi.waitFor(async () => expect((await db().call.findUnique({ where: { id: c.callId } }))!.calleeDevices).toBe(1), WAIT);
    expect(await state(c.callId)).toEqual(["connecting", null]);

    // A late second accept is an invalid transition, reported on (and closing) that device.
    const late = await open(c, "callee");
    await hello(c.callId, c.calleeToken, late.deviceId);
    expect(await action(c.callId, c.calleeToken, late.deviceId, "accept")).toEqual({
      ok: false,
      status: 400,
      reason: "No transition from connecting state with accept event.",
    });
    expect(names(late).at(-1)).toBe("error No transition from connecting state with accept event.");
    expect(late.closed).toBe(true);
  });

  it("dashboards hear every state change of the callee's calls on the user channel", async () => {
    const seen: any[] = [];
    const off = subscribe("user:owner-mac-devices", (m) => seen.push(m));
    const c = await newCall();
    const caller = await open(c, "caller");
    const callee = await open(c, "callee");
    await hello(c.callId, c.caller.websocketToken, caller.deviceId);
    await hello(c.callId, c.calleeToken, callee.deviceId);
    await action(c.callId, c.caller.websocketToken, caller.deviceId, "terminate", "cancel");
    off();
    expect(seen[0]).toMatchObject({ type: "call", callId: c.callId, state: "init", callerId: "alice@example.com", websocketToken: c.calleeToken });
    expect(seen.slice(1)).toEqual([
      { type: "call", callId: c.callId, state: "alerting" },
      { type: "call", callId: c.callId, state: "terminated", reason: "cancel" },
    ]);
    expect(caller.closed && callee.closed).toBe(true);
  });
});

describe("streams closing", () => {
  it("the caller's only stream closing ends the call with closed, and the callee hears it", async () => {
    const c = await newCall();
    const caller = await open(c, "caller");
    const callee = await open(c, "callee");
    await hello(c.callId, c.caller.websocketToken, caller.deviceId);
    await hello(c.callId, c.calleeToken, callee.deviceId);
    caller.close();
    await vi.waitFor(() => expect(names(callee).at(-1)).toBe("progress terminated closed"), WAIT);
    expect(callee.closed).toBe(true);
  });

  it("a stream that never said hello is not counted", async () => {
    const c = await newCall();
    const caller = await open(c, "caller");
    const idle = await open(c, "callee");
    const callee = await open(c, "callee");
    await hello(c.callId, c.caller.websocketToken, caller.deviceId);
    await hello(c.callId, c.calleeToken, callee.deviceId);
    idle.close();
    await new Promise((r) => setImmediate(r));
    expect(await state(c.callId)).toEqual(["alerting", null]);
  });

  it("a timer ending the call reaches the streams and closes them", async () => {
    const c = await newCall();
    const caller = await open(c, "caller");
    await hello(c.callId, c.caller.websocketToken, caller.deviceId);
    clock.advance(10_000);
    await fireDueTimers();
    expect(names(caller)).toEqual(["hello init", "progress terminated timeout"]);
    expect(caller.closed).toBe(true);
  });
});

describe("bad messages and tokens (the original's reasons)", () => {
  it("stream authentication", async () => {
    const c = await newCall();
    expect(await authenticateDevice(c.callId, null)).toEqual({ ok: false, status: 401, reason: "Missing parameters: auth" });
    expect(await authenticateDevice(c.callId, "nope")).toEqual({ ok: false, status: 401, reason: "bad authentication" });
    expect(await authenticateDevice("f".repeat(32), c.calleeToken)).toEqual({ ok: false, status: 404, reason: "bad callId" });
    expect(await authenticateDevice(c.callId, c.calleeToken)).toMatchObject({ side: "callee" });
  });

  it("messages rejected before reaching a device", async () => {
    const c = await newCall();
    const d = await open(c, "caller");
    const tok = c.caller.websocketToken;
    const post = (m: unknown, header: string | null = null) => postProgressMessage(c.callId, header, m);
    expect(await post("just text")).toMatchObject({ ok: false, reason: "Malformed message." });
    expect(await post({ messageType: "bye", deviceId: d.deviceId }, tok)).toMatchObject({ ok: false, reason: "Unknown messageType" });
    expect(await post({ messageType: "hello", deviceId: d.deviceId })).toMatchObject({ ok: false, reason: "Missing parameters: callId, auth" });
    expect(await post({ messageType: "hello", callId: c.callId, deviceId: d.deviceId })).toMatchObject({ reason: "Missing parameters: auth" });
    expect(await post({ messageType: "hello", callId: "0".repeat(32), auth: tok, deviceId: d.deviceId })).toMatchObject({
      status: 404,
      reason: "bad callId",
    });
    expect(await post({ messageType: "hello", callId: c.callId, auth: "wrong", deviceId: d.deviceId })).toMatchObject({
      status: 401,
      reason: "bad authentication",
    });
    expect(await post({ messageType: "hello", callId: c.callId, auth: tok })).toMatchObject({ reason: "Missing parameters: deviceId" });
    expect(await post({ messageType: "hello", callId: c.callId, auth: tok, deviceId: "unknown" })).toMatchObject({ reason: "bad deviceId" });
    // None of these touched the device.
    expect(d.closed).toBe(false);
    expect(names(d)).toEqual([]);
  });

  it("a token of the other side cannot speak for a device", async () => {
    const c = await newCall();
    const d = await open(c, "caller");
    expect(await hello(c.callId, c.calleeToken, d.deviceId)).toMatchObject({ ok: false, status: 401, reason: "bad authentication" });
    expect(d.closed).toBe(true);
  });

  it("action errors go to the device and close it", async () => {
    const c = await newCall();
    for (const [event, reason, expected] of [
      [undefined, undefined, "Missing parameters: event"],
      ["dance", undefined, "dance state is invalid. Should be one of: accept, media-up, terminate"],
      ["terminate", "no way!", "Invalid reason: should be alphanumeric"],
      ["accept", undefined, "No transition from init state with accept event."],
    ] as const) {
      const d = await open(c, "callee");
      const r = await postProgressMessage(c.callId, c.calleeToken, {
        messageType: "action",
        deviceId: d.deviceId,
        ...(event ? { event } : {}),
        ...(reason ? { reason } : {}),
      });
      expect(r).toMatchObject({ ok: false, reason: expected });
      expect(d.events.at(-1)).toEqual({ event: "error", data: { messageType: "error", reason: expected } });
      expect(d.closed).toBe(true);
    }
    expect(await state(c.callId)).toEqual(["init", null]);
  });

  it("a hello on a finished call answers its end and closes", async () => {
    const c = await newCall();
    const a = await open(c, "caller");
    await action(c.callId, c.caller.websocketToken, a.deviceId, "terminate", "cancel");
    const b = await open(c, "callee");
    expect(await hello(c.callId, c.calleeToken, b.deviceId)).toEqual({
      ok: true,
      reply: { messageType: "hello", state: "terminated", reason: "cancel" },
    });
    expect(b.closed).toBe(true);
  });
});

describe("across instances", () => {
  it("a message reaches its device over the bus and the answer comes back", async () => {
    const c = await newCall();
    const d = await open(c, "caller");
    const r = await postProgressMessage(
      c.callId,
      null,
      { messageType: "hello", callId: c.callId, auth: c.caller.websocketToken, deviceId: d.deviceId },
      { viaBus: true },
    );
    expect(r).toEqual({ ok: true, reply: { messageType: "hello", state: "init" } });
    expect(names(d)).toEqual(["hello init"]);
  });
});
