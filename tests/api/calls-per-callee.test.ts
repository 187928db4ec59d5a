import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { signUp } from "../support/web-user";
import { openSse } from "./rooms-support";

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

/** A p2p media token's claims (`p2p1.<claims>.<mac>`). */
function p2pClaims(token: string) {
  const [tag, body] = token.split(".");
  expect(tag).toBe("p2p1");
  return JSON.parse(Buffer.from(body, "base64url").toString()) as { sid: string; sub: string; data: string };
}

/** Opens the p2p signaling stream with a media token: 200 (then close it) or the refusal's status. */
async function signal(token: string) {
  const ctrl = new AbortController();
  const res = await fetch(`${base}/video/signal`, { headers: { Accept: "text/event-stream", Authorization: `Bearer ${token}` }, signal: ctrl.signal });
  if (res.status !== 200) await res.body?.cancel();
  return { status: res.status, close: () => ctrl.abort() };
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

    // Each callee's media token is its own: same session, same subject, its own leg.
    expect(annCall.sessionToken).not.toBe(benCall.sessionToken);
    expect(annCall.sessionToken).not.toBe(r.body.sessionToken);
    const annClaims = p2pClaims(annCall.sessionToken);
    const benClaims = p2pClaims(benCall.sessionToken);
    for (const c of [annClaims, benClaims]) expect(c).toMatchObject({ sid: r.body.sessionId, sub: "callee" });
    expect(JSON.parse(annClaims.data).leg).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.parse(annClaims.data).leg).not.toBe(JSON.parse(benClaims.data).leg);
    // Each callee's own view of the call carries its own media token (by account, by token).
    expect((await anon.get(`/calls/id/${callId}`, { auth: { cookie: ben.cookie } })).body.sessionToken).toBe(benCall.sessionToken);
    expect((await anon.get(`/calls/id/${callId}`, { auth: { header: `Bearer ${annCall.websocketToken}` } })).body.sessionToken).toBe(
      annCall.sessionToken,
    );
    // Until a callee answers, no callee token joins the media: the caller's offer reaches nobody.
    expect((await signal(annCall.sessionToken)).status).toBe(403);
    expect((await signal(benCall.sessionToken)).status).toBe(403);
    const callerMedia = await signal(r.body.sessionToken);
    expect(callerMedia.status).toBe(200);
    callerMedia.close();

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

    // Ann's media token now opens the p2p signaling; Ben's never does, nor may it post there.
    const annMedia = await signal(annCall.sessionToken);
    expect(annMedia.status).toBe(200);
    expect((await signal(benCall.sessionToken)).status).toBe(403);
    const benSignal = await fetch(`${base}/video/signal`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${benCall.sessionToken}` },
      body: JSON.stringify({ to: "caller", type: "offer", data: { sdp: "x" } }),
    });
    expect(benSignal.status).toBe(403);
    annMedia.close();

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
    // When the call ends, Ann's media token no longer opens the signaling either.
    expect((await post(url, r.body.websocketToken, { messageType: "action", event: "terminate", reason: "cancel", deviceId: a.deviceId })).status).toBe(204);
    expect((await signal(annCall.sessionToken)).status).toBe(403);
    for (const s of [a, annDevice, benDevice, again]) s.close();
  });

  it("each callee's live `call` event carries that callee's own tokens", async () => {
    const [caller, ann, ben] = await Promise.all([signUp(base), signUp(base), signUp(base)]);
    const feeds = [await openSse(`${base}/events`, { Cookie: ann.cookie }), await openSse(`${base}/events`, { Cookie: ben.cookie })];
    const r = await anon.post("/calls", { calleeId: [ann.email, ben.email], callType: "audio" }, { auth: { cookie: caller.cookie, origin: base } });
    expect(r.status).toBe(200);
    const rung = [];
    for (const [i, who] of [ann, ben].entries()) {
      const events = await feeds[i].until((es) => es.some((e) => e.event === "call" && e.data.callId === r.body.callId && e.data.sessionToken));
      const event = events.find((e) => e.event === "call" && e.data.callId === r.body.callId && e.data.sessionToken)!.data;
      const listed = (await anon.get("/calls?version=0", { auth: { cookie: who.cookie } })).body.calls.find(
        (c: { callId: string }) => c.callId === r.body.callId,
      );
      expect(event.websocketToken).toBe(listed.websocketToken);
      expect(event.sessionToken).toBe(listed.sessionToken);
      rung.push(event);
    }
    expect(rung[0].sessionToken).not.toBe(rung[1].sessionToken);
    expect(rung[0].websocketToken).not.toBe(rung[1].websocketToken);
    for (const f of feeds) f.close();
  });
});
