import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { signUp } from "../support/web-user";

/**
 * Per-callee credentials (issue 11): a direct call to several people gives each callee a
 * progress token of its own, so a callee who did not answer cannot act on the leg another
 * callee accepted.
 */
const base = inject("apiUrl");
const anon = new LoopClient(base);

async function stream(url: string, token: string) {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers: { Accept: "text/event-stream", Authorization: `Bearer ${token}` }, signal: ctrl.signal });
  if (res.status !== 200) return { status: res.status, body: await res.json(), close: () => ctrl.abort(), deviceId: "" };
  const reader = res.body!.getReader();
  let buf = "";
  while (!buf.includes("event: device")) buf += new TextDecoder().decode((await reader.read()).value);
  const deviceId = JSON.parse(/event: device\ndata: (.*)\n/.exec(buf)![1]).deviceId as string;
  return { status: 200, body: null, close: () => ctrl.abort(), deviceId };
}

async function post(url: string, token: string, message: Record<string, unknown>) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(message),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

describe("per-callee credentials", () => {
  it("each callee holds its own token; once Ann accepts, Ben's token can no longer act on the call", async () => {
    const [caller, ann, ben] = await Promise.all([signUp(base), signUp(base), signUp(base)]);
    const r = await anon.post("/calls", { calleeId: [ann.email, ben.email], callType: "audio-video" }, { auth: { cookie: caller.cookie, origin: base } });
    expect(r.status).toBe(200);
    const { callId, progressURL: url } = r.body;
    const incoming = async (cookie: string) =>
      (await anon.get("/calls?version=0", { auth: { cookie } })).body.calls.find((c: { callId: string }) => c.callId === callId);
    const annCall = await incoming(ann.cookie);
    const benCall = await incoming(ben.cookie);
    expect(annCall.websocketToken).toMatch(/^[0-9a-f]{32}$/);
    expect(benCall.websocketToken).toMatch(/^[0-9a-f]{32}$/);
    expect(annCall.websocketToken).not.toBe(benCall.websocketToken);
    expect(annCall.websocketToken).not.toBe(r.body.websocketToken);

    // Before anyone answers, both may ring and act.
    const a = await stream(url, r.body.websocketToken);
    const annDevice = await stream(url, annCall.websocketToken);
    const benDevice = await stream(url, benCall.websocketToken);
    expect([a.status, annDevice.status, benDevice.status]).toEqual([200, 200, 200]);
    expect((await post(url, r.body.websocketToken, { messageType: "hello", callId, auth: r.body.websocketToken, deviceId: a.deviceId })).status).toBe(200);
    expect((await post(url, annCall.websocketToken, { messageType: "hello", callId, auth: annCall.websocketToken, deviceId: annDevice.deviceId })).status).toBe(200);
    expect((await anon.get(`/calls/id/${callId}`, { auth: { header: `Bearer ${benCall.websocketToken}` } })).status).toBe(200);

    await expect
      .poll(async () => (await anon.get(`/calls/id/${callId}`, { auth: { cookie: caller.cookie } })).body.state ?? "", { timeout: 5000 })
      .toBe("alerting");
    expect(await post(url, annCall.websocketToken, { messageType: "action", event: "accept", deviceId: annDevice.deviceId })).toEqual({ status: 204, body: null });

    // Ben did not answer: his token no longer opens a device, posts, or reads the call.
    const late = await stream(url, benCall.websocketToken);
    expect(late.status).toBe(401);
    const benPost = await post(url, benCall.websocketToken, { messageType: "action", event: "terminate", reason: "cancel", deviceId: benDevice.deviceId });
    expect(benPost.status).toBeGreaterThanOrEqual(400);
    expect((await anon.get(`/calls/id/${callId}`, { auth: { header: `Bearer ${benCall.websocketToken}` } })).status).toBe(403);
    // Ann's leg is untouched and her token still works.
    const status = await anon.get(`/calls/id/${callId}`, { auth: { cookie: caller.cookie } });
    expect(status.body.state).toBe("connecting");
    const again = await stream(url, annCall.websocketToken);
    expect(again.status).toBe(200);
    for (const s of [a, annDevice, benDevice, again]) s.close();
  });
});
