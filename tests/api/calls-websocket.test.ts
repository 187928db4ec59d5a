import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { LoopClient } from "../support/loop-client";
import { openProgress, postProgress, pushReceiver } from "./calls-support";
import { eventually } from "./rooms-support";

/**
 * The original call-progress WebSocket (ref §3) as an original client uses it: the client
 * talks to `/v0`, gets `progressURL = ws://…/websocket`, says `hello` with its websocketToken,
 * sends `action`s, and reads `hello` / `progress` / `error` frames. Also a mixed pair: a
 * WebSocket caller and an SSE callee (contract §6) on the same call.
 */
const base = inject("apiUrl");

type Frame = { messageType: string; [k: string]: unknown };

/** An original-style progress socket: frames in order, and whether the server closed it. */
async function openSocket(url: string) {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  ws.on("message", (d) => {
    frames.push(JSON.parse(d.toString()));
    wake?.();
  });
  ws.on("close", () => {
    closed = true;
    wake?.();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const wait = async (pred: () => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error(`socket: timed out waiting for ${what}; got ${JSON.stringify(frames)}`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 50);
      });
    }
  };
  let read = 0;
  return {
    send: (m: unknown) => ws.send(typeof m === "string" ? m : JSON.stringify(m)),
    async next(): Promise<Frame> {
      await wait(() => frames.length > read || closed, "a frame");
      if (frames.length <= read) throw new Error(`socket closed; got ${JSON.stringify(frames)}`);
      return frames[read++];
    },
    closed: async () => {
      await wait(() => closed, "close");
      return true;
    },
    close: () => ws.close(),
  };
}

/** One SSE progress device (contract §6); `post` adds its deviceId and answers the status. */
async function openSseDevice(progressURL: string, token: string) {
  const device = await openProgress(progressURL, token);
  const post = async (m: Record<string, unknown>) => (await postProgress(progressURL, token, { ...m, deviceId: device.deviceId })).status;
  return { next: device.next, post, ended: async () => (await device.next()) === null || (await device.next()) === null };
}

const receiver = pushReceiver();
let pushUrl: string;
beforeAll(async () => {
  pushUrl = await receiver.start();
});
afterAll(() => receiver.stop());

/** Steps 1–11 of the seed for clients at `prefix`: Bob has a call URL, Alice calls through it. */
async function placeLinkCall(prefix: string) {
  const bob = new LoopClient(base + prefix);
  await bob.register({ simplePushURLs: { calls: pushUrl } });
  const made = await bob.post("/call-url", { callerId: "alice@example.com", expiresIn: 24, issuer: "Bob" });
  expect(made.status).toBe(200);
  const token = made.body.callToken as string;
  const alice = new LoopClient(base + prefix);
  expect((await alice.get(`/calls/${token}`, { auth: "none" })).body).toMatchObject({ calleeFriendlyName: "Bob" });
  await alice.register();
  const woken = receiver.next();
  const call = await alice.post(`/calls/${token}`, { callType: "audio-video" });
  expect(call.status).toBe(200);
  const version = Number((await woken).replace(/^version=/, ""));
  const listed = await bob.get(`/calls?version=${version}`);
  expect(listed.status).toBe(200);
  const incoming = listed.body.calls.find((c: { callId: string }) => c.callId === call.body.callId);
  expect(incoming).toBeTruthy();
  return { bob, alice, call: call.body, incoming, version };
}

describe("the original call-progress WebSocket (ref §3)", () => {
  it("an original client runs the seed's 12 steps: link call, answer, both connected; then a call the caller cancels", async () => {
    const { bob, call, incoming, version } = await placeLinkCall("/v0");
    const wsUrl = `ws://${new URL(base).host}/websocket`;
    expect(call.progressURL).toBe(wsUrl);
    expect(incoming.progressURL).toBe(wsUrl);

    const caller = await openSocket(call.progressURL);
    const callee = await openSocket(incoming.progressURL);
    caller.send({ messageType: "hello", callId: call.callId, auth: call.websocketToken });
    expect(await caller.next()).toEqual({ messageType: "hello", state: "init" });
    callee.send({ messageType: "hello", callId: call.callId, auth: incoming.websocketToken });
    expect(await callee.next()).toEqual({ messageType: "hello", state: "init" });
    for (const s of [caller, callee]) expect(await s.next()).toEqual({ messageType: "progress", state: "alerting" });

    caller.send({ messageType: "echo", echo: "ping" });
    expect(await caller.next()).toEqual({ messageType: "echo", echo: "ping" });

    callee.send({ messageType: "action", event: "accept" });
    for (const s of [caller, callee]) expect(await s.next()).toEqual({ messageType: "progress", state: "connecting" });
    caller.send({ messageType: "action", event: "media-up" });
    for (const s of [caller, callee]) expect(await s.next()).toEqual({ messageType: "progress", state: "half-connected" });
    callee.send({ messageType: "action", event: "media-up" });
    for (const s of [caller, callee]) {
      expect(await s.next()).toEqual({ messageType: "progress", state: "connected" });
      expect(await s.closed()).toBe(true); // the server closes after connected
    }
    await eventually(async () => expect((await bob.get(`/calls?version=${version}`)).body.calls).toEqual([]));

    // Hang up before the answer: the caller cancels, the callee hears why, both sockets close.
    const second = await placeLinkCall("/v0");
    const c2 = await openSocket(second.call.progressURL);
    const b2 = await openSocket(second.incoming.progressURL);
    c2.send({ messageType: "hello", callId: second.call.callId, auth: second.call.websocketToken });
    b2.send({ messageType: "hello", callId: second.call.callId, auth: second.incoming.websocketToken });
    expect((await c2.next()).messageType).toBe("hello");
    expect((await b2.next()).messageType).toBe("hello");
    for (const s of [c2, b2]) expect(await s.next()).toEqual({ messageType: "progress", state: "alerting" });
    c2.send({ messageType: "action", event: "terminate", reason: "cancel" });
    for (const s of [c2, b2]) {
      expect(await s.next()).toEqual({ messageType: "progress", state: "terminated", reason: "cancel" });
      expect(await s.closed()).toBe(true);
    }
  });

  it("a mixed pair: a WebSocket caller and an SSE callee reach connected together", async () => {
    const { call, incoming } = await placeLinkCall("");
    expect(call.progressURL).toBe(`${base}/calls/id/${call.callId}/progress`);
    const caller = await openSocket(`ws://${new URL(base).host}/v1/websocket`);
    const callee = await openSseDevice(incoming.progressURL, incoming.websocketToken);

    caller.send({ messageType: "hello", callId: call.callId, auth: call.websocketToken });
    expect(await caller.next()).toEqual({ messageType: "hello", state: "init" });
    expect(await callee.post({ messageType: "hello", callId: call.callId, auth: incoming.websocketToken })).toBe(200);
    expect((await callee.next())?.event).toBe("hello");
    expect(await caller.next()).toEqual({ messageType: "progress", state: "alerting" });
    expect((await callee.next())?.data).toEqual({ messageType: "progress", state: "alerting" });

    expect(await callee.post({ messageType: "action", event: "accept" })).toBe(204);
    expect(await caller.next()).toEqual({ messageType: "progress", state: "connecting" });
    expect((await callee.next())?.data.state).toBe("connecting");
    caller.send({ messageType: "action", event: "media-up" });
    expect(await callee.post({ messageType: "action", event: "media-up" })).toBe(204);
    expect(await caller.next()).toEqual({ messageType: "progress", state: "half-connected" });
    expect(await caller.next()).toEqual({ messageType: "progress", state: "connected" });
    expect(await caller.closed()).toBe(true);
    expect((await callee.next())?.data.state).toBe("half-connected");
    expect((await callee.next())?.data.state).toBe("connected");
  });

  it("answers protocol errors with an error frame and closes, with the original's reasons", async () => {
    const { call } = await placeLinkCall("/v0");
    const cases: Array<[unknown, string]> = [
      ["not json", "Malformed message."],
      [{ messageType: "dance" }, "Unknown messageType"],
      [{ messageType: "hello", callId: call.callId }, "Missing parameters: auth"],
      [{ messageType: "hello" }, "Missing parameters: callId, auth"],
      [{ messageType: "hello", callId: "0123456789abcdef0123456789abcdef", auth: call.websocketToken }, "bad callId"],
      [{ messageType: "hello", callId: call.callId, auth: "deadbeef" }, "bad authentication"],
    ];
    for (const [frame, reason] of cases) {
      const s = await openSocket(call.progressURL);
      s.send(frame);
      expect(await s.next(), JSON.stringify(frame)).toEqual({ messageType: "error", reason });
      expect(await s.closed()).toBe(true);
    }
    const s = await openSocket(call.progressURL);
    s.send({ messageType: "hello", callId: call.callId, auth: call.websocketToken });
    expect((await s.next()).messageType).toBe("hello");
    s.send({ messageType: "action", event: "terminate", reason: "not alphanumeric!" });
    expect(await s.next()).toEqual({ messageType: "error", reason: "Invalid reason: should be alphanumeric" });
    expect(await s.closed()).toBe(true);
  });

  it("refuses upgrades on other paths", async () => {
    const ws = new WebSocket(`ws://${new URL(base).host}/rooms`);
    const status = await new Promise<number>((resolve) => {
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => resolve(101));
      ws.on("error", () => resolve(-1));
    });
    expect(status).toBe(404);
  });
});
