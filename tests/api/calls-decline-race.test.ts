import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { openProgress, postProgress as post } from "./calls-support";

/**
 * The Decline race (issue 10). The ring dialog's Decline POSTs `terminate / reject` for its
 * device and closes that device's progress stream at the same moment. With a WebSocket (the
 * original) the close could never overtake the message sent before it; with SSE + POST it
 * can: the server saw the stream end first, dropped the device (the call ended as "closed")
 * and answered the POST 400 {"errno":107,"error":"bad deviceId"}. The caller read "The call
 * ended." instead of "declined". Here the stream is closed *before* the POST is sent, the
 * ordering that lost the decline.
 */
const base = inject("apiUrl");

async function ringingCall() {
  const bob = new LoopClient(base);
  await bob.register();
  const made = await bob.post("/call-url", { callerId: "alice@example.com", issuer: "Bob" });
  const alice = new LoopClient(base);
  const call = await alice.post(`/calls/${made.body.callToken}`, { callType: "audio-video" });
  expect(call.status).toBe(200);
  const incoming = (await bob.get("/calls?version=0")).body.calls.find((c: { callId: string }) => c.callId === call.body.callId);
  const url = call.body.progressURL as string;
  const a = await openProgress(url, call.body.websocketToken);
  await post(url, call.body.websocketToken, { messageType: "hello", callId: call.body.callId, deviceId: a.deviceId });
  expect((await a.next())?.event).toBe("hello");
  const b = await openProgress(url, incoming.websocketToken);
  await post(url, incoming.websocketToken, { messageType: "hello", callId: call.body.callId, deviceId: b.deviceId });
  expect((await b.next())?.event).toBe("hello");
  expect((await a.next())?.data).toEqual({ messageType: "progress", state: "alerting" });
  return { url, callId: call.body.callId as string, callee: incoming.websocketToken as string, a, b };
}

describe("Decline at once on the ring dialog", () => {
  it("a decline whose stream closed first is still honoured: the caller reads reject, not closed", async () => {
    const { url, callee, a, b } = await ringingCall();
    // What the ring dialog did: close the device's stream and POST the decline together.
    b.close();
    const declined = await post(url, callee, { messageType: "action", event: "terminate", reason: "reject", deviceId: b.deviceId });
    expect(declined).toEqual({ status: 204, body: null });
    let last: { event: string; data: any } | null = null;
    for (let m = await a.next(); m; m = await a.next()) last = m;
    expect(last?.data).toEqual({ messageType: "progress", state: "terminated", reason: "reject" });
  });

  it("a stream that closes without a last word still ends the call as closed", async () => {
    const { a, b } = await ringingCall();
    b.close();
    let last: { event: string; data: any } | null = null;
    for (let m = await a.next(); m; m = await a.next()) last = m;
    expect(last?.data).toEqual({ messageType: "progress", state: "terminated", reason: "closed" });
  });
});
