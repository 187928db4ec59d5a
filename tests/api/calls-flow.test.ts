import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { openProgress, postProgress as post, pushReceiver } from "./calls-support";
import { eventually } from "./rooms-support";

// The seed's user flow (seeds/000: "Bob wants to be called by Alice"), step by step, against
// the running server with two Hawk clients and a local SimplePush receiver; then the call
// progress of contract §6 over real SSE streams until both sides are connected.

const base = inject("apiUrl");

const receiver = pushReceiver();
let pushUrl: string;
beforeAll(async () => {
  pushUrl = await receiver.start();
});
afterAll(() => receiver.stop());

describe("the seed's 12 steps", () => {
  it("Bob is called by Alice through a call URL; both end up in the same media session", async () => {
    // 1–2. Bob's client has a SimplePush URL and registers it with the loop server.
    const bob = new LoopClient(base);
    await bob.register({ simplePushURLs: { calls: pushUrl } });

    // 3. Bob asks for a call URL (the seed's parameter names).
    const made = await bob.post("/call-url", { remote_id: "alice@example.com", valid_duration: 24, issuer: "Bob" });
    expect(made.status).toBe(200);
    expect(made.body).toEqual({ callUrl: expect.stringMatching(/\/c\/[\w-]{22}$/), callToken: expect.any(String), expiresAt: expect.any(Number) });

    // 4. Bob gives the URL to Alice.
    const token = made.body.callUrl.split("/c/")[1];
    expect(token).toBe(made.body.callToken);

    // 5. Alice opens it: a browser gets the web page, the page asks who it calls.
    const page = await fetch(`${base}/calls/${token}`, { headers: { Accept: "text/html,application/xhtml+xml,*/*;q=0.8" }, redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(new RegExp(`/c/${token}$`));
    const alice = new LoopClient(base);
    const info = await alice.get(`/calls/${token}`, { auth: "none" });
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ calleeFriendlyName: "Bob", urlCreationDate: expect.any(Number) });

    // 6–9. Alice calls: the server validates the URL, gets provider tokens, stores Bob's,
    // wakes Bob, and returns Alice's.
    await alice.register();
    const woken = receiver.next();
    const call = await alice.post(`/calls/${token}`, { callType: "audio-video" });
    expect(call.status).toBe(200);
    expect(Object.keys(call.body).sort()).toEqual(
      ["apiKey", "callId", "progressURL", "provider", "sessionId", "sessionToken", "websocketToken"].sort(),
    );
    expect(call.body.progressURL).toBe(`${base}/calls/id/${call.body.callId}/progress`);

    // 8. Bob's SimplePush endpoint was told a version.
    const version = Number((await woken).replace(/^version=/, ""));
    expect(version).toBeGreaterThan(0);

    // 10–11. Bob's client wakes up and lists its incoming calls since that version.
    const listed = await bob.get(`/calls?version=${version}`);
    expect(listed.status).toBe(200);
    expect(listed.body.calls).toHaveLength(1);
    const incoming = listed.body.calls[0];
    expect(incoming).toMatchObject({
      callId: call.body.callId,
      callType: "audio-video",
      callerId: "alice@example.com",
      apiKey: call.body.apiKey,
      sessionId: call.body.sessionId,
      progressURL: call.body.progressURL,
      callToken: token,
      callUrl: made.body.callUrl,
      call_url: made.body.callUrl,
    });
    // 12. Both hold tokens for the same media session, each its own.
    expect(incoming.sessionToken).not.toBe(call.body.sessionToken);
    expect(incoming.websocketToken).not.toBe(call.body.websocketToken);
    if (call.body.provider === "p2p") {
      const claims = (t: string) => JSON.parse(Buffer.from(t.split(".")[1], "base64url").toString());
      expect(claims(call.body.sessionToken)).toMatchObject({ sid: call.body.sessionId, sub: "caller" });
      expect(claims(incoming.sessionToken)).toMatchObject({ sid: call.body.sessionId, sub: "callee" });
    }

    // The connection is made: call progress over SSE until both sides are connected.
    const url = call.body.progressURL;
    const a = await openProgress(url, call.body.websocketToken);
    const b = await openProgress(url, incoming.websocketToken);
    const helloA = await post(url, call.body.websocketToken, { messageType: "hello", callId: call.body.callId, auth: call.body.websocketToken, deviceId: a.deviceId });
    expect(helloA).toEqual({ status: 200, body: { messageType: "hello", state: "init" } });
    expect(await a.next()).toEqual({ event: "hello", data: { messageType: "hello", state: "init" } });
    await post(url, incoming.websocketToken, { messageType: "hello", callId: call.body.callId, auth: incoming.websocketToken, deviceId: b.deviceId });
    expect((await b.next())?.event).toBe("hello");
    for (const d of [a, b]) expect(await d.next()).toEqual({ event: "progress", data: { messageType: "progress", state: "alerting" } });

    expect(await post(url, incoming.websocketToken, { messageType: "action", event: "accept", deviceId: b.deviceId })).toEqual({ status: 204, body: null });
    for (const d of [a, b]) expect((await d.next())?.data.state).toBe("connecting");
    await post(url, call.body.websocketToken, { messageType: "action", event: "media-up", deviceId: a.deviceId });
    await post(url, incoming.websocketToken, { messageType: "action", event: "media-up", deviceId: b.deviceId });
    for (const d of [a, b]) {
      expect((await d.next())?.data.state).toBe("half-connected");
      expect((await d.next())?.data.state).toBe("connected");
      expect(await d.ended()).toBe(true); // the server closes after connected
    }

    // The call is no longer an incoming call to answer: the server closed both streams, and a
    // side's last stream closing ends the call (ref §3 rule 5), which the server handles just
    // after the client saw the stream end.
    await eventually(async () => expect((await bob.get(`/calls?version=${version}`)).body.calls).toEqual([]));
  });
});
