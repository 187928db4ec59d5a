import { describe, expect, it } from "vitest";
import { createCallUrl } from "@/lib/call-urls/call-urls";
import { startLinkCall } from "@/lib/calls/create-call";
import { isCallMember, tokenTag } from "@/lib/calls/calls";
import { verifyP2pToken } from "@/lib/video/p2p";
import {
  applyAction,
  deviceGone,
  endCall,
  fireDueTimers,
  ProgressError,
  sayHello,
  sweepCalls,
} from "@/lib/calls/progress";
import { resetConfigForTests } from "@/lib/config";
import { db } from "@/lib/db";
import { subscribe } from "@/lib/events/bus";
import { manualClockPerTest } from "../support/clock";

// The call-progress state machine of ref §3, against a real database, with the injected clock.

// Timers and sweeps act on every call of the database: start each test from none.
const clock = manualClockPerTest(Date.UTC(2026, 0, 1), () => db().call.deleteMany({}));

const owner = "owner-mac-progress";

async function newCall() {
  const link = await createCallUrl(owner, { callerId: "alice@example.com", issuer: "Bob" });
  return startLinkCall(link.callToken, { kind: "anonymous" }, { callType: "audio-video" });
}

async function row(id: string) {
  return (await db().call.findUnique({ where: { id } }))!;
}

/** Every state change published on the call's channel. */
function watch(callId: string) {
  const seen: { state: string; reason?: string; acceptedDevice?: string }[] = [];
  const off = subscribe(`call:${callId}`, (m) => {
    const msg = m as { t: string; state: string; reason?: string; acceptedDevice?: string };
    if (msg.t === "state") seen.push({ state: msg.state, ...(msg.reason ? { reason: msg.reason } : {}), ...(msg.acceptedDevice ? { acceptedDevice: msg.acceptedDevice } : {}) });
  });
  return { seen, off };
}

async function reason(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProgressError) return e.reason;
    throw e;
  }
  throw new Error("expected a ProgressError");
}

async function toAlerting() {
  const c = await newCall();
  await sayHello(c.callId, "caller");
  await sayHello(c.callId, "callee");
  return c;
}

describe("transitions", () => {
  it("hello from one side → half-initiated (shown as init), from both → alerting, published once", async () => {
    const c = await newCall();
    const w = watch(c.callId);
    expect(await sayHello(c.callId, "caller")).toEqual({ messageType: "hello", state: "init" });
    expect((await row(c.callId)).state).toBe("half-initiated");
    // The hello reply gives the state before this hello, half-initiated shown as init.
    expect(await sayHello(c.callId, "callee")).toEqual({ messageType: "hello", state: "init" });
    expect((await row(c.callId)).state).toBe("alerting");
    expect(await sayHello(c.callId, "callee")).toEqual({ messageType: "hello", state: "alerting" });
    expect(w.seen).toEqual([{ state: "alerting" }]);
    const r = await row(c.callId);
    expect([r.callerDevices, r.calleeDevices]).toEqual([1, 2]);
    w.off();
  });

  it("a second hello of the same side keeps the call half-initiated", async () => {
    const c = await newCall();
    await sayHello(c.callId, "callee");
    await sayHello(c.callId, "callee");
    expect((await row(c.callId)).state).toBe("half-initiated");
  });

  it("accept: alerting → connecting, recording the device; media-up per side → half-connected → connected", async () => {
    const c = await toAlerting();
    const w = watch(c.callId);
    await applyAction(c.callId, "callee", "dev-1", "accept");
    let r = await row(c.callId);
    expect(r.state).toBe("connecting");
    expect(r.acceptedDevice).toBe("dev-1");
    await applyAction(c.callId, "caller", "dev-0", "media-up");
    expect((await row(c.callId)).state).toBe("half-connected");
    // The same side again changes nothing and publishes nothing.
    await applyAction(c.callId, "caller", "dev-0", "media-up");
    await applyAction(c.callId, "callee", "dev-1", "media-up");
    r = await row(c.callId);
    expect(r.state).toBe("connected");
    expect(r.timerKind).toBeNull();
    expect(w.seen).toEqual([{ state: "connecting", acceptedDevice: "dev-1" }, { state: "half-connected" }, { state: "connected" }]);
    w.off();
  });

  it("terminate from any state, with the client's reason relayed verbatim", async () => {
    for (const setup of [newCall, toAlerting]) {
      const c = await setup();
      const w = watch(c.callId);
      await applyAction(c.callId, "callee", "d", "terminate", "busy");
      const r = await row(c.callId);
      expect([r.state, r.reason]).toEqual(["terminated", "busy"]);
      expect(w.seen).toEqual([{ state: "terminated", reason: "busy" }]);
      w.off();
    }
    const c = await toAlerting();
    await applyAction(c.callId, "caller", "d", "terminate");
    expect((await row(c.callId)).reason).toBeNull();
  });

  it("the first termination reason stays", async () => {
    const c = await toAlerting();
    await applyAction(c.callId, "caller", "d", "terminate", "cancel");
    await applyAction(c.callId, "callee", "d", "terminate", "reject");
    expect((await row(c.callId)).reason).toBe("cancel");
    expect(await sayHello(c.callId, "callee")).toEqual({ messageType: "hello", state: "terminated", reason: "cancel" });
  });
});

describe("invalid messages, with the original's reasons", () => {
  it("transitions that do not exist", async () => {
    const c = await newCall();
    expect(await reason(applyAction(c.callId, "callee", "d", "accept"))).toBe("No transition from init state with accept event.");
    await sayHello(c.callId, "caller");
    expect(await reason(applyAction(c.callId, "callee", "d", "accept"))).toBe(
      "No transition from half-initiated state with accept event.",
    );
    expect(await reason(applyAction(c.callId, "callee", "d", "media-up"))).toBe(
      "No transition from half-initiated state with media-up event.",
    );
    await sayHello(c.callId, "callee");
    expect(await reason(applyAction(c.callId, "caller", "d", "media-up"))).toBe("No transition from alerting state with media-up event.");
    await applyAction(c.callId, "callee", "d", "accept");
    expect(await reason(applyAction(c.callId, "callee", "d", "accept"))).toBe("No transition from connecting state with accept event.");
    await applyAction(c.callId, "callee", "d", "terminate", "media-fail");
    expect(await reason(applyAction(c.callId, "callee", "d", "media-up"))).toBe("No transition from terminated state with media-up event.");
  });

  it("unknown events, bad reasons, unknown calls", async () => {
    const c = await newCall();
    expect(await reason(applyAction(c.callId, "callee", "d", "hangup"))).toBe(
      "hangup state is invalid. Should be one of: accept, media-up, terminate",
    );
    expect(await reason(applyAction(c.callId, "callee", "d", "terminate", "not ok!"))).toBe("Invalid reason: should be alphanumeric");
    expect(await reason(applyAction(c.callId, "callee", "d", "terminate", 42))).toBe("Invalid reason: should be alphanumeric");
    expect((await row(c.callId)).state).toBe("init");
    expect(await reason(sayHello("0".repeat(32), "caller"))).toBe("bad callId");
  });
});

describe("timers (injected clock)", () => {
  it("supervisory: 10 s after a hello, a call still half-initiated ends with timeout", async () => {
    const c = await newCall();
    await sayHello(c.callId, "caller");
    const w = watch(c.callId);
    clock.advance(9_999);
    expect(await fireDueTimers()).toBe(0);
    clock.advance(1);
    expect(await fireDueTimers()).toBe(1);
    const r = await row(c.callId);
    expect([r.state, r.reason]).toEqual(["terminated", "timeout"]);
    expect(w.seen).toEqual([{ state: "terminated", reason: "timeout" }]);
    w.off();
  });

  it("supervisory: the earliest hello's timer counts; the callee never saying hello times out too", async () => {
    const c = await newCall();
    await sayHello(c.callId, "callee");
    clock.advance(6_000);
    await sayHello(c.callId, "callee"); // a second device of the same side
    clock.advance(4_000);
    expect(await fireDueTimers()).toBe(1);
    expect((await row(c.callId)).reason).toBe("timeout");
  });

  it("ringing: 30 s from the callee's hello while alerting", async () => {
    const c = await newCall();
    await sayHello(c.callId, "caller");
    clock.advance(5_000);
    await sayHello(c.callId, "callee");
    clock.advance(29_999);
    expect(await fireDueTimers()).toBe(0);
    expect((await row(c.callId)).state).toBe("alerting");
    clock.advance(1);
    expect(await fireDueTimers()).toBe(1);
    expect((await row(c.callId)).reason).toBe("timeout");
  });

  it("the timers follow CALL_RINGING_SEC / CALL_SUPERVISORY_SEC / CALL_CONNECTION_SEC", async () => {
    Object.assign(process.env, { CALL_RINGING_SEC: "5", CALL_SUPERVISORY_SEC: "3", CALL_CONNECTION_SEC: "4" });
    resetConfigForTests();
    try {
      const ringing = await newCall();
      await sayHello(ringing.callId, "caller");
      await sayHello(ringing.callId, "callee");
      clock.advance(4_999);
      expect(await fireDueTimers()).toBe(0);
      clock.advance(1);
      expect(await fireDueTimers()).toBe(1);
      expect((await row(ringing.callId)).reason).toBe("timeout");

      const supervised = await newCall();
      await sayHello(supervised.callId, "caller");
      clock.advance(3_000);
      expect(await fireDueTimers()).toBe(1);
      expect((await row(supervised.callId)).reason).toBe("timeout");
    } finally {
      for (const k of ["CALL_RINGING_SEC", "CALL_SUPERVISORY_SEC", "CALL_CONNECTION_SEC"]) delete process.env[k];
      resetConfigForTests();
    }
  });

  it("ringing: when the callee spoke first, from the callee's hello, not the caller's", async () => {
    const c = await newCall();
    await sayHello(c.callId, "callee");
    clock.advance(4_000);
    await sayHello(c.callId, "caller");
    clock.advance(25_999);
    expect(await fireDueTimers()).toBe(0);
    clock.advance(1);
    expect(await fireDueTimers()).toBe(1);
  });

  it("connection: 10 s from accept until connected (also from half-connected)", async () => {
    const a = await toAlerting();
    await applyAction(a.callId, "callee", "d", "accept");
    clock.advance(9_999);
    expect(await fireDueTimers()).toBe(0);
    clock.advance(1);
    expect(await fireDueTimers()).toBe(1);
    expect((await row(a.callId)).reason).toBe("timeout");

    const b = await toAlerting();
    await applyAction(b.callId, "callee", "d", "accept");
    await applyAction(b.callId, "caller", "d", "media-up");
    clock.advance(10_000);
    expect(await fireDueTimers()).toBe(1);
    expect((await row(b.callId)).state).toBe("terminated");
  });

  it("no timer fires on a call that moved on: accepted before ringing ends, connected before connection ends", async () => {
    const c = await toAlerting();
    clock.advance(20_000);
    await applyAction(c.callId, "callee", "d", "accept");
    await applyAction(c.callId, "caller", "d", "media-up");
    await applyAction(c.callId, "callee", "d", "media-up");
    clock.advance(40_000);
    expect(await fireDueTimers()).toBe(0);
    expect((await row(c.callId)).state).toBe("connected");
  });
});

describe("devices going away (ref §3.5)", () => {
  it("closed only when the last device of a side goes", async () => {
    const c = await newCall();
    await sayHello(c.callId, "caller");
    await sayHello(c.callId, "callee");
    await sayHello(c.callId, "callee");
    await deviceGone(c.callId, "callee");
    expect((await row(c.callId)).state).toBe("alerting");
    await deviceGone(c.callId, "callee");
    const r = await row(c.callId);
    expect([r.state, r.reason]).toEqual(["terminated", "closed"]);
  });

  it("never overwrites another reason; records closed when none was given", async () => {
    const a = await toAlerting();
    await applyAction(a.callId, "caller", "d", "terminate", "cancel");
    await deviceGone(a.callId, "caller");
    expect((await row(a.callId)).reason).toBe("cancel");

    const b = await toAlerting();
    await applyAction(b.callId, "caller", "d", "terminate");
    const w = watch(b.callId);
    await deviceGone(b.callId, "caller");
    expect((await row(b.callId)).reason).toBe("closed");
    expect(w.seen).toEqual([]);
    w.off();
  });
});

describe("record lifetime", () => {
  it("a call nobody answers ends after 60 s and is deleted 60 s after its end", async () => {
    const c = await newCall();
    clock.advance(59_000);
    expect(await sweepCalls()).toEqual({ ended: 0, deleted: 0 });
    clock.advance(1_000);
    expect(await sweepCalls()).toEqual({ ended: 1, deleted: 0 });
    expect((await row(c.callId)).reason).toBe("timeout");
    clock.advance(59_000);
    expect((await sweepCalls()).deleted).toBe(0);
    clock.advance(1_000);
    expect((await sweepCalls()).deleted).toBe(1);
    expect(await db().call.findUnique({ where: { id: c.callId } })).toBeNull();
    expect(await reason(sayHello(c.callId, "caller"))).toBe("bad callId");
  });

  it("a connected call keeps the media relay until a side hangs up, then lives 60 s more", async () => {
    const c = await toAlerting();
    await applyAction(c.callId, "callee", "d", "accept");
    await applyAction(c.callId, "caller", "d", "media-up");
    await applyAction(c.callId, "callee", "d", "media-up");
    // The server closes both progress streams on connected: the sides go, the call is closed...
    await deviceGone(c.callId, "caller");
    expect((await row(c.callId)).reason).toBe("closed");
    // ...but the conversation goes on.
    clock.advance(3600_000);
    await sweepCalls();
    expect(await isCallMember(c.callId, "caller")).toBe(true);
    await endCall(c.callId, "caller");
    expect(await isCallMember(c.callId, "callee")).toBe(false);
    clock.advance(60_000);
    expect((await sweepCalls()).deleted).toBe(1);
  });

  it("a terminated call that never connected is no longer a member of its media session", async () => {
    const c = await toAlerting();
    expect(await isCallMember(c.callId, "caller")).toBe(true);
    await endCall(c.callId, "caller");
    const r = await row(c.callId);
    expect([r.state, r.reason]).toEqual(["terminated", "cancel"]);
    expect(await isCallMember(c.callId, "caller")).toBe(false);
  });

  it("a callee's own media token (its leg) joins the media only once a device of that leg accepted", async () => {
    const c = await toAlerting();
    const { wsToken, mediaToken } = (await db().callCallee.findFirst({ where: { callId: c.callId } }))!;
    const leg = tokenTag(wsToken!);
    expect(JSON.parse(verifyP2pToken(mediaToken!)!.data!)).toMatchObject({ kind: "call", ref: c.callId, leg });
    expect((await row(c.callId)).calleeToken).toBe("");
    expect(await isCallMember(c.callId, "callee", leg)).toBe(false);
    await applyAction(c.callId, "callee", `${leg}.device1`, "accept");
    expect(await isCallMember(c.callId, "callee", leg)).toBe(true);
    expect(await isCallMember(c.callId, "callee", "0badc0de")).toBe(false);
    expect(await isCallMember(c.callId, "caller")).toBe(true);
    await endCall(c.callId, "caller");
    expect(await isCallMember(c.callId, "callee", leg)).toBe(false);
  });
});

describe("atomic transitions (run on PostgreSQL too: LOOP_TEST_DB=postgres)", () => {
  it("concurrent messages: alerting once, one accept wins, connected once", async () => {
    const c = await newCall();
    const w = watch(c.callId);
    await Promise.all([sayHello(c.callId, "caller"), sayHello(c.callId, "callee"), sayHello(c.callId, "callee")]);
    const devices = ["phone", "laptop", "tablet"];
    const results = await Promise.allSettled(devices.map((d) => applyAction(c.callId, "callee", d, "accept")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect((r.reason as ProgressError).reason).toBe("No transition from connecting state with accept event.");
    }
    await Promise.all([applyAction(c.callId, "caller", "x", "media-up"), applyAction(c.callId, "callee", "y", "media-up")]);
    const r = await row(c.callId);
    expect([r.state, r.callerDevices, r.calleeDevices]).toEqual(["connected", 1, 2]);
    expect(devices).toContain(r.acceptedDevice);
    expect(w.seen.map((m) => m.state)).toEqual(["alerting", "connecting", "half-connected", "connected"]);
    w.off();
  });
});
