import { beforeAll, describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { signUp, type WebUser } from "../support/web-user";

// Calls over HTTP (ref §2.5, contract §3): link calls, incoming lists, direct calls, one call's
// status and hanging up, the progress endpoints' refusals; the bad-input cases of ref §10.

const base = inject("apiUrl");
const bob = new LoopClient(base);
const anon = new LoopClient(base);
let token: string;

beforeAll(async () => {
  await bob.register();
  token = (await bob.post("/call-url", { callerId: "alice@example.com", issuer: "Bob" })).body.callToken;
});

const callLink = (body: unknown, client = anon) => client.post(`/calls/${token}`, body, client === anon ? { auth: "none" } : {});

describe("POST /calls/{token}", () => {
  it("bad input: callType missing 108, empty or wrong 107, subject too long 107", async () => {
    expect((await callLink({})).body).toEqual({ code: 400, errno: 108, error: "Missing: callType" });
    for (const callType of ["", "video", 3]) {
      expect((await callLink({ callType })).body).toEqual({ code: 400, errno: 107, error: "callType should be 'audio' or 'audio-video'" });
    }
    expect((await callLink({ callType: "audio", subject: "s".repeat(125) })).body).toEqual({
      code: 400,
      errno: 107,
      error: "subject should be shorter than 124 characters",
    });
  });

  it("needs no credentials; an audio call with a subject is listed for the owner", async () => {
    const r = await callLink({ callType: "audio", subject: "Quick question" });
    expect(r.status).toBe(200);
    const { calls } = (await bob.get("/calls?version=0")).body;
    expect(calls.find((c: { callId: string }) => c.callId === r.body.callId)).toMatchObject({ callType: "audio", subject: "Quick question" });
  });

  it("a registered caller's own identity replaces the link's callerId", async () => {
    const web: WebUser = await signUp(base);
    const r = await anon.post(`/calls/${token}`, { callType: "audio-video" }, { auth: { cookie: web.cookie, origin: base } });
    expect(r.status).toBe(200);
    const { calls } = (await bob.get("/calls?version=0")).body;
    expect(calls.find((c: { callId: string }) => c.callId === r.body.callId).callerId).toBe(web.email);
  });
});

describe("GET /calls?version=", () => {
  it("requires version (400 / 108) and a session (401)", async () => {
    expect((await bob.get("/calls")).body).toEqual({ code: 400, errno: 108, error: "Missing: version" });
    expect((await bob.get("/calls?version=abc")).body).toMatchObject({ code: 400, errno: 107 });
    expect((await anon.get("/calls?version=0", { auth: "none" })).status).toBe(401);
  });

  it("lists only calls created at or after the version, and only the callee's", async () => {
    const r = await callLink({ callType: "audio-video" });
    const listed = (await bob.get("/calls?version=0")).body.calls.find((c: { callId: string }) => c.callId === r.body.callId);
    expect((await bob.get(`/calls?version=${listed.timestamp}`)).body.calls.some((c: { callId: string }) => c.callId === r.body.callId)).toBe(true);
    expect((await bob.get(`/calls?version=${listed.timestamp + 1}`)).body.calls.some((c: { callId: string }) => c.callId === r.body.callId)).toBe(
      false,
    );
    const other = new LoopClient(base);
    await other.register();
    expect((await other.get("/calls?version=0")).body).toEqual({ calls: [] });
  });
});

describe("GET and DELETE /calls/id/{callId}", () => {
  it("each side reads the call with its progress token; the caller cancels", async () => {
    const r = await callLink({ callType: "audio" });
    const id = r.body.callId;
    const asCaller = await anon.get(`/calls/id/${id}`, { auth: { header: `Bearer ${r.body.websocketToken}` } });
    expect(asCaller.status).toBe(200);
    expect(asCaller.body).toMatchObject({ callId: id, state: "init", calleeFriendlyName: "Bob" });
    expect(asCaller.body.sessionToken).toBeUndefined();
    // The owner reads it with its Hawk session, tokens included.
    const asCallee = await bob.get(`/calls/id/${id}`);
    expect(asCallee.body).toMatchObject({ callId: id, state: "init", sessionId: r.body.sessionId, sessionToken: expect.any(String) });

    expect((await anon.get(`/calls/id/${id}`, { auth: { header: "Bearer wrong" } })).status).toBe(401);
    const stranger = new LoopClient(base);
    await stranger.register();
    expect((await stranger.get(`/calls/id/${id}`)).body).toMatchObject({ code: 403 });
    expect((await anon.get(`/calls/id/${id}`, { auth: "none" })).status).toBe(401);
    expect((await anon.get(`/calls/id/${"0".repeat(32)}`, { auth: { header: "Bearer x" } })).body).toMatchObject({ code: 404, errno: 105 });

    expect((await anon.del(`/calls/id/${id}`, undefined, { auth: { header: `Bearer ${r.body.websocketToken}` } })).status).toBe(204);
    expect((await bob.get(`/calls/id/${id}`)).body).toMatchObject({ state: "terminated", reason: "cancel" });
    // A cancelled call is no longer listed.
    expect((await bob.get("/calls?version=0")).body.calls.some((c: { callId: string }) => c.callId === id)).toBe(false);
  });
});

describe("POST /calls (direct calls)", () => {
  it("anonymous sessions may not (403 / 110); nobody reachable is 400 / 122", async () => {
    const r = await bob.post("/calls", { calleeId: "someone@example.com", callType: "audio" });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ errno: 110 });
    const caller = await signUp(base);
    const none = await anon.post("/calls", { calleeId: ["nobody@example.com", "ghost@example.com"], callType: "audio" }, { auth: { cookie: caller.cookie, origin: base } });
    expect(none.body).toEqual({ code: 400, errno: 122, error: "Could not find any existing user to call" });
  });

  it("bad input: calleeId missing 108, callType 108/107, subject 107", async () => {
    const caller = await signUp(base);
    const auth = { cookie: caller.cookie, origin: base };
    expect((await anon.post("/calls", { callType: "audio" }, { auth })).body).toMatchObject({ errno: 108, error: "Missing: calleeId" });
    expect((await anon.post("/calls", {}, { auth })).body).toMatchObject({ errno: 108, error: "Missing: calleeId, callType" });
    expect((await anon.post("/calls", { calleeId: "a@b.c", callType: "x" }, { auth })).body).toMatchObject({ errno: 107 });
    expect((await anon.post("/calls", { calleeId: "a@b.c", callType: "audio", subject: "s".repeat(125) }, { auth })).body).toMatchObject({
      errno: 107,
    });
    expect((await anon.post("/calls", { calleeId: [], callType: "audio" }, { auth })).body).toMatchObject({ errno: 107 });
  });

  it("a registered user calls a web user by email; the callee lists it with its tokens", async () => {
    const caller = await signUp(base);
    const callee = await signUp(base);
    const r = await anon.post(
      "/calls",
      { calleeId: ["unknown@example.com", callee.email.toUpperCase()], callType: "audio-video", subject: "Hi" },
      { auth: { cookie: caller.cookie, origin: base } },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ callId: expect.any(String), websocketToken: expect.any(String), sessionToken: expect.any(String) });
    const { calls } = (await anon.get("/calls?version=0", { auth: { cookie: callee.cookie } })).body;
    expect(calls).toEqual([
      expect.objectContaining({ callId: r.body.callId, callerId: caller.email, sessionId: r.body.sessionId, subject: "Hi", callType: "audio-video" }),
    ]);
    expect(calls[0].callToken).toBeUndefined();
  });
});

describe("progress endpoints refuse", () => {
  it("a stream without a valid token or for an unknown call", async () => {
    const r = await callLink({ callType: "audio" });
    const url = r.body.progressURL as string;
    const get = (u: string, h: Record<string, string> = {}) => fetch(u, { headers: { Accept: "text/event-stream", ...h } });
    let res = await get(url);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errno: 110, messageType: "error", reason: "Missing parameters: auth" });
    res = await get(`${url}?token=wrong`);
    expect(await res.json()).toMatchObject({ code: 401, reason: "bad authentication" });
    res = await get(url.replace(r.body.callId, "0".repeat(32)), { Authorization: `Bearer ${r.body.websocketToken}` });
    expect(await res.json()).toMatchObject({ code: 404, errno: 105, reason: "bad callId" });
    // A good token opens the stream (then we leave).
    const ctrl = new AbortController();
    res = await fetch(`${url}?token=${r.body.websocketToken}`, { signal: ctrl.signal });
    expect(res.status).toBe(200);
    ctrl.abort();
  });

  it("messages with the original's reasons", async () => {
    const r = await callLink({ callType: "audio" });
    const send = async (body: string, auth?: string) => {
      const res = await fetch(r.body.progressURL, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
        body,
      });
      return { status: res.status, body: await res.json() };
    };
    expect(await send(JSON.stringify({ messageType: "nope" }))).toMatchObject({ status: 400, body: { reason: "Unknown messageType" } });
    expect(await send(JSON.stringify({ messageType: "hello" }))).toMatchObject({ status: 400, body: { errno: 108, reason: "Missing parameters: callId, auth" } });
    expect(await send(JSON.stringify({ messageType: "hello", callId: r.body.callId, auth: "bad", deviceId: "x" }))).toMatchObject({
      status: 401,
      body: { reason: "bad authentication" },
    });
    expect(await send(JSON.stringify({ messageType: "action", event: "accept", deviceId: "x" }), r.body.websocketToken)).toMatchObject({
      status: 400,
      body: { reason: "bad deviceId" },
    });
    expect(await send("{not json")).toMatchObject({ status: 400, body: { errno: 106 } });
  });
});
