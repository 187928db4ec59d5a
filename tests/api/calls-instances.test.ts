import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasRedisServer, startRedisPair } from "../support/redis-available";
import { LoopClient } from "../support/loop-client";
import type { RunningServer } from "../support/server";
import { openProgress, postProgress as post } from "./calls-support";

const stream = (url: string, token: string) => openProgress(url, token, "query");

// Two server instances sharing one database and a Redis of the test's own (contract §6): a
// call's sides and devices spread over both, every message and state change crosses over.

let pair: Awaited<ReturnType<typeof startRedisPair>> | undefined;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  if (!hasRedisServer) return;
  pair = await startRedisPair("calls-instances");
  ({ one: a, two: b } = pair);
}, 180_000);

afterAll(async () => {
  await pair?.stop();
});

describe.skipIf(!hasRedisServer)("a call across two instances", () => {
  it("devices on either instance, messages posted to the other, answered-elsewhere across", async () => {
    const bob = new LoopClient(a.url);
    await bob.register();
    const link = (await bob.post("/call-url", { callerId: "alice", issuer: "Bob" })).body;
    const call = (await new LoopClient(b.url).post(`/calls/${link.callToken}`, { callType: "audio-video" }, { auth: "none" })).body;
    const incoming = (await new LoopClient(b.url).useSession(bob.sessionToken!).get("/calls?version=0")).body.calls[0];
    expect(incoming.callId).toBe(call.callId);

    const onA = (u: string) => u.replace(b.url, a.url);
    const onB = (u: string) => u.replace(a.url, b.url);
    const progress = call.progressURL as string; // built from instance b's PUBLIC_URL
    const caller = await stream(onA(progress), call.websocketToken);
    const phone = await stream(onA(progress), incoming.websocketToken);
    const laptop = await stream(onB(progress), incoming.websocketToken);

    // Each hello goes to the other instance than the device's stream.
    const hello = (url: string, token: string, deviceId: string) => post(url, token, { messageType: "hello", callId: call.callId, auth: token, deviceId });
    expect(await hello(onB(progress), call.websocketToken, caller.deviceId)).toEqual({ status: 200, body: { messageType: "hello", state: "init" } });
    expect((await hello(onB(progress), incoming.websocketToken, phone.deviceId)).body.state).toBe("init");
    expect((await hello(onA(progress), incoming.websocketToken, laptop.deviceId)).body.state).toBe("alerting");
    expect((await caller.next())?.event).toBe("hello");
    expect((await caller.next())?.data.state).toBe("alerting");
    expect((await phone.next())?.event).toBe("hello");
    expect((await phone.next())?.data.state).toBe("alerting");
    expect((await laptop.next())?.data).toEqual({ messageType: "hello", state: "alerting" });

    // The laptop (stream on b) accepts through a; the phone (on a) was answered elsewhere.
    expect(await post(onA(progress), incoming.websocketToken, { messageType: "action", event: "accept", deviceId: laptop.deviceId })).toEqual({
      status: 204,
      body: null,
    });
    expect((await phone.next())?.data).toEqual({ messageType: "progress", state: "terminated", reason: "answered-elsewhere" });
    expect(await phone.next()).toBeNull(); // closed by the server
    expect((await laptop.next())?.data.state).toBe("connecting");
    expect((await caller.next())?.data.state).toBe("connecting");

    // The caller hangs up through instance b; its stream on a hears it.
    expect((await new LoopClient(b.url).del(`/calls/id/${call.callId}`, undefined, { auth: { header: `Bearer ${call.websocketToken}` } })).status).toBe(204);
    expect((await caller.next())?.data).toEqual({ messageType: "progress", state: "terminated", reason: "cancel" });
    expect((await laptop.next())?.data).toEqual({ messageType: "progress", state: "terminated", reason: "cancel" });
    caller.close();
    laptop.close();
  });

  it("a message for a device no instance holds is refused after the relay timeout", async () => {
    const bob = new LoopClient(a.url);
    await bob.register();
    const link = (await bob.post("/call-url", { callerId: "alice" })).body;
    const call = (await new LoopClient(a.url).post(`/calls/${link.callToken}`, { callType: "audio" }, { auth: "none" })).body;
    const r = await post(call.progressURL.replace(b.url, a.url), call.websocketToken, { messageType: "echo", echo: 1, deviceId: "nobody" });
    expect(r).toMatchObject({ status: 400, body: { reason: "bad deviceId" } });
  });
});
