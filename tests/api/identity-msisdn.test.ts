import { randomInt } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { waitForSmsCode } from "../support/sms-standin";
import { waitFor } from "../support/wait";
import { signUp } from "../support/web-user";
import { openSse } from "./rooms-support";

// Contract §9: phone numbers (MSISDN) verified by an SMS code, for an account or for a Hawk
// session without any account (the seed's mobile story). SMS goes to the run's local stand-in
// of Vonage's SMS API (tests/support/sms-standin.ts), where the tests read the codes.
const base = inject("apiUrl");
const sms = inject("smsUrl");
const anon = new LoopClient(base);
const web = (cookie: string) => ({ auth: { cookie, origin: base } });

/** A random valid US number (E.164). */
function usNumber() {
  return `+1650253${String(randomInt(0, 10_000)).padStart(4, "0")}`;
}
/** A random valid French mobile number, national form and E.164. */
function frMobile() {
  for (;;) {
    const national = `06${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
    const p = parsePhoneNumberFromString(national, "FR");
    if (p?.isValid()) return { national, e164: p.number as string };
  }
}

// A SimplePush endpoint of our own on 127.0.0.1 (in the test server's PUSH_ALLOWED_HOSTS): a
// phone-only session is reachable with a `calls` push URL or an open /events stream (§9).
const pushed: string[] = [];
const pushServer = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    pushed.push(req.url!);
    res.end();
  });
});
let pushBase = "";
beforeAll(async () => {
  await new Promise<void>((r) => pushServer.listen(0, "127.0.0.1", () => r()));
  pushBase = `http://127.0.0.1:${(pushServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => pushServer.close(r)));

/** A Hawk session without an account that verifies `msisdn`; with a `calls` push URL unless `push: false`. */
async function phoneSession(msisdn: string, { push = true } = {}) {
  const s = new LoopClient(base);
  await s.register(push ? { simplePushURLs: { calls: `${pushBase}/calls/${msisdn.slice(1)}-${randomInt(0, 1e9)}` } } : {});
  expect((await s.post("/msisdn/register", { msisdn })).status).toBe(204);
  const code = await waitForSmsCode(sms, msisdn);
  const v = await s.post("/msisdn/verify", { msisdn, code });
  expect(v.status).toBe(200);
  expect(v.body).toEqual({ msisdn });
  return s;
}

/** A progress stream (contract §6); its first event names the device. */
async function progressDevice(url: string, token: string) {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers: { Accept: "text/event-stream", Authorization: `Bearer ${token}` }, signal: ctrl.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  while (!buf.includes("\n\n") || !/data: /.test(buf)) {
    const { done, value } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
  }
  const frame = buf.split("\n\n").find((f) => f.includes("event: device"))!;
  const data = JSON.parse(frame.split("\n").find((l) => l.startsWith("data: "))!.slice(6));
  return { deviceId: data.deviceId as string, close: () => ctrl.abort() };
}

async function progress(url: string, token: string, message: Record<string, unknown>) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(message),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

describe("phone-only Hawk session (no account)", () => {
  it("registers and verifies a number, is called by E.164 and by {phoneNumber, mcc}, sees the calls and answers", async () => {
    const { national, e164 } = frMobile();
    const phone = await phoneSession(e164);
    expect((await phone.get("/msisdn")).body.msisdns).toEqual([{ msisdn: e164, verifiedAt: expect.any(Number) }]);

    const caller = await signUp(base);
    // By E.164 (spaces allowed).
    const byE164 = await anon.post("/calls", { calleeId: e164.replace(/^(\+33)(\d)/, "$1 $2 "), callType: "audio-video" }, web(caller.cookie));
    expect(byE164.status).toBe(200);
    // By the original's phone object: national number + mobile country code of France.
    const byObject = await anon.post("/calls", { calleeId: [{ phoneNumber: national, mcc: 208 }], callType: "audio" }, web(caller.cookie));
    expect(byObject.status).toBe(200);

    const { calls } = (await phone.get("/calls?version=0")).body;
    expect(calls.map((c: { callId: string }) => c.callId).sort()).toEqual([byE164.body.callId, byObject.body.callId].sort());
    const incoming = calls.find((c: { callId: string }) => c.callId === byE164.body.callId);
    expect(incoming.callerId).toBe(caller.email);

    // It answers: both sides' progress streams, hello, accept → connecting.
    const url = byE164.body.progressURL;
    const callerDevice = await progressDevice(url, byE164.body.websocketToken);
    const phoneDevice = await progressDevice(url, incoming.websocketToken);
    const callId = byE164.body.callId;
    expect((await progress(url, byE164.body.websocketToken, { messageType: "hello", callId, auth: byE164.body.websocketToken, deviceId: callerDevice.deviceId })).status).toBe(200);
    expect((await progress(url, incoming.websocketToken, { messageType: "hello", callId, auth: incoming.websocketToken, deviceId: phoneDevice.deviceId })).status).toBe(200);
    expect((await progress(url, incoming.websocketToken, { messageType: "action", event: "accept", deviceId: phoneDevice.deviceId })).status).toBe(204);
    await expect.poll(async () => (await phone.get(`/calls/id/${callId}`)).body.state).toBe("connecting");
    callerDevice.close();
    phoneDevice.close();
  });

  it("is reachable only with a calls push URL or an open /events stream (else 400 / 122), and the call arrives there", async () => {
    const caller = await signUp(base);
    const call = (n: string) => anon.post("/calls", { calleeId: n, callType: "audio-video" }, web(caller.cookie));

    // Verified, but no push URL and no stream: nothing could tell it a call came.
    const n = usNumber();
    const phone = await phoneSession(n, { push: false });
    expect((await call(n)).body).toMatchObject({ code: 400, errno: 122 });
    expect((await phone.get("/calls?version=0")).body.calls).toEqual([]);

    // An open event stream (Hawk), as a mobile client keeps open: it rings, the call arrives on it.
    const events = await openSse(`${base}/events`, { Authorization: await phoneAuthHeader(phone, "/events") });
    const r = await call(n);
    expect(r.status).toBe(200);
    await events.until((es) => es.some((e) => e.event === "call" && e.data.callId === r.body.callId));
    expect((await phone.get("/calls?version=0")).body.calls.map((c: { callId: string }) => c.callId)).toEqual([r.body.callId]);
    // The stream closed: not reachable again.
    events.close();
    await expect.poll(async () => (await call(n)).body.errno, { timeout: 15_000 }).toBe(122);

    // A `calls` push URL registered later: it rings, and the push URL is woken.
    const url = `${pushBase}/calls/later-${randomInt(0, 1e9)}`;
    expect((await phone.post("/registration", { simplePushURLs: { calls: url } })).status).toBe(200);
    const p = await call(n);
    expect(p.status).toBe(200);
    await waitFor(() => pushed.includes(new URL(url).pathname), { timeoutMs: 10_000, what: "the calls push" });
    expect((await phone.get("/calls?version=0")).body.calls.map((c: { callId: string }) => c.callId)).toContain(p.body.callId);
  });

  it("calls others shown by its number", async () => {
    const n = usNumber();
    const phone = await phoneSession(n);
    const caller = await signUp(base);

    // The phone-only session places a call: the callee sees its verified number.
    const out = await phone.post("/calls", { calleeId: caller.email, callType: "audio" });
    expect(out.status).toBe(200);
    const seen = (await anon.get("/calls?version=0", { auth: { cookie: caller.cookie } })).body.calls.find((c: { callId: string }) => c.callId === out.body.callId);
    expect(seen.callerId).toBe(n);

    // A session with no verified number may not place direct calls (403 / 110).
    const bare = new LoopClient(base);
    await bare.register();
    expect((await bare.post("/calls", { calleeId: caller.email, callType: "audio" })).body).toMatchObject({ code: 403, errno: 110 });
  });
});

async function phoneAuthHeader(client: LoopClient, path: string) {
  const Hawk = (await import("@hapi/hawk")).default;
  return Hawk.client.header(`${base}${path}`, "GET", { credentials: client.credentials! }).header;
}

describe("codes", () => {
  it("wrong code → 400 / 107; five wrong codes kill it and the right one is then refused; a new register sends a new one", async () => {
    const n = usNumber();
    const s = new LoopClient(base);
    await s.register();
    // No code was sent yet.
    expect((await s.post("/msisdn/verify", { msisdn: n, code: "123456" })).body).toMatchObject({ code: 400, errno: 107 });
    await s.post("/msisdn/register", { msisdn: n });
    const code = await waitForSmsCode(sms, n);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      expect((await s.post("/msisdn/verify", { msisdn: n, code: wrong })).body).toMatchObject({ code: 400, errno: 107 });
    }
    const sixth = await s.post("/msisdn/verify", { msisdn: n, code });
    expect(sixth.body).toMatchObject({ code: 400, errno: 107 });
    expect((await s.get("/msisdn")).body.msisdns).toEqual([]);
    // Not reachable.
    const caller = await signUp(base);
    expect((await anon.post("/calls", { calleeId: n, callType: "audio" }, web(caller.cookie))).body).toMatchObject({ errno: 122 });
    // A new code works.
    expect((await s.post("/msisdn/register", { msisdn: n })).status).toBe(204);
    const fresh = await waitForSmsCode(sms, n, 2);
    expect((await s.post("/msisdn/verify", { msisdn: n, code: fresh })).status).toBe(200);
  });

  it("a code is bound to whoever asked for it", async () => {
    const n = usNumber();
    const a = new LoopClient(base);
    await a.register();
    const b = new LoopClient(base);
    await b.register();
    await a.post("/msisdn/register", { msisdn: n });
    const code = await waitForSmsCode(sms, n);
    expect((await b.post("/msisdn/verify", { msisdn: n, code })).body).toMatchObject({ code: 400, errno: 107 });
    expect((await a.post("/msisdn/verify", { msisdn: n, code })).status).toBe(200);
  });

  it("bad input: not a number, invalid numbers, missing fields, bad code shape", async () => {
    const s = new LoopClient(base);
    await s.register();
    for (const msisdn of ["12ab", "+1234", "+999999999999", "6502530000", ""]) {
      const r = await s.post("/msisdn/register", { msisdn });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 400, errno: 107, error: expect.any(String) });
    }
    expect((await s.post("/msisdn/register", {})).body).toMatchObject({ code: 400, errno: 108, error: "Missing: msisdn" });
    expect((await s.post("/msisdn/register", { msisdn: 4155552671 })).body).toMatchObject({ code: 400, errno: 107 });
    expect((await s.post("/msisdn/verify", { msisdn: usNumber() })).body).toMatchObject({ code: 400, errno: 108, error: "Missing: code" });
    expect((await s.post("/msisdn/verify", { msisdn: usNumber(), code: "12ab" })).body).toMatchObject({ code: 400, errno: 107 });
    expect((await s.post("/msisdn/verify", { msisdn: "12ab", code: "123456" })).body).toMatchObject({ code: 400, errno: 107 });
    // Without credentials: 401.
    expect((await anon.post("/msisdn/register", { msisdn: usNumber() })).status).toBe(401);
  });
});

describe("send limits (429 / 116 with Retry-After)", () => {
  it("at most 3 codes per number per 10 minutes", async () => {
    const n = usNumber();
    const s = new LoopClient(base);
    await s.register();
    for (let i = 0; i < 3; i++) expect((await s.post("/msisdn/register", { msisdn: n })).status).toBe(204);
    const other = new LoopClient(base);
    await other.register();
    const r = await other.post("/msisdn/register", { msisdn: n });
    expect(r.status).toBe(429);
    expect(r.body).toMatchObject({ code: 429, errno: 116 });
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("at most 10 numbers per caller per hour", async () => {
    const s = new LoopClient(base);
    await s.register();
    const numbers = new Set<string>();
    while (numbers.size < 11) numbers.add(usNumber());
    const list = [...numbers];
    for (const n of list.slice(0, 10)) expect((await s.post("/msisdn/register", { msisdn: n })).status).toBe(204);
    // Asking again for a number already asked for is not a new number.
    expect((await s.post("/msisdn/register", { msisdn: list[0] })).status).toBe(204);
    const r = await s.post("/msisdn/register", { msisdn: list[10] });
    expect(r.body).toMatchObject({ code: 429, errno: 116 });
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("a provider that refuses the message is a clear 503 / 201, and no code is left behind", async () => {
    const n = usNumber();
    await fetch(`${sms}/reject`, { method: "POST", body: JSON.stringify({ to: n }) });
    const s = new LoopClient(base);
    await s.register();
    const r = await s.post("/msisdn/register", { msisdn: n });
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ code: 503, errno: 201, message: expect.stringContaining("Partner quota exceeded") });
    expect((await s.post("/msisdn/verify", { msisdn: n, code: "123456" })).body).toMatchObject({ code: 400, errno: 107 });
  });
});

describe("who holds a number", () => {
  it("DELETE /msisdn/{msisdn} (+ literal or %2B) makes it unreachable; a number not held → 404 / 999", async () => {
    const a = usNumber();
    const b = usNumber();
    const s1 = await phoneSession(a);
    const caller = await signUp(base);
    expect((await anon.post("/calls", { calleeId: a, callType: "audio" }, web(caller.cookie))).status).toBe(200);
    expect((await s1.del(`/msisdn/${encodeURIComponent(a)}`)).status).toBe(204);
    expect((await anon.post("/calls", { calleeId: a, callType: "audio" }, web(caller.cookie))).body).toMatchObject({ code: 400, errno: 122 });
    expect((await s1.del(`/msisdn/${encodeURIComponent(a)}`)).body).toMatchObject({ code: 404, errno: 999 });

    // A web account adds a number; "+" literal in the path.
    const owner = await signUp(base);
    expect((await anon.post("/msisdn/register", { msisdn: b }, web(owner.cookie))).status).toBe(204);
    const code = await waitForSmsCode(sms, b);
    expect((await anon.post("/msisdn/verify", { msisdn: b, code }, web(owner.cookie))).status).toBe(200);
    const rang = await anon.post("/calls", { calleeId: b, callType: "audio" }, web(caller.cookie));
    expect((await anon.get("/calls?version=0", { auth: { cookie: owner.cookie } })).body.calls.map((c: { callId: string }) => c.callId)).toContain(rang.body.callId);
    // Someone else cannot remove it.
    expect((await anon.del(`/msisdn/${b}`, undefined, web(caller.cookie))).body).toMatchObject({ code: 404, errno: 999 });
    expect((await anon.del(`/msisdn/${b}`, undefined, web(owner.cookie))).status).toBe(204);
    expect((await anon.post("/calls", { calleeId: b, callType: "audio" }, web(caller.cookie))).body).toMatchObject({ errno: 122 });
    expect((await anon.del(`/msisdn/12ab`, undefined, web(owner.cookie))).body).toMatchObject({ code: 400, errno: 107 });
  });

  it("every session that verified a number rings, also those from before an account took it", async () => {
    const n = usNumber();
    const s1 = await phoneSession(n);
    // A second device of the same person verifies the number too (with its own calls push URL).
    const s2 = new LoopClient(base);
    await s2.register({ simplePushURLs: { calls: `${pushBase}/calls/second-${randomInt(0, 1e9)}` } });
    await s2.post("/msisdn/register", { msisdn: n });
    expect((await s2.post("/msisdn/verify", { msisdn: n, code: await waitForSmsCode(sms, n, 2) })).status).toBe(200);
    // Then an account verifies it: it holds the number now, and the earlier sessions still ring.
    const owner = await signUp(base);
    await anon.post("/msisdn/register", { msisdn: n }, web(owner.cookie));
    expect((await anon.post("/msisdn/verify", { msisdn: n, code: await waitForSmsCode(sms, n, 3) }, web(owner.cookie))).status).toBe(200);
    const caller = await signUp(base);
    const r = await anon.post("/calls", { calleeId: n, callType: "audio" }, web(caller.cookie));
    expect(r.status).toBe(200);
    for (const list of [await s1.get("/calls?version=0"), await s2.get("/calls?version=0"), await anon.get("/calls?version=0", { auth: { cookie: owner.cookie } })]) {
      expect(list.body.calls.map((c: { callId: string }) => c.callId)).toContain(r.body.callId);
    }
    // One session leaving does not take the number from the others.
    expect((await s1.del(`/msisdn/${encodeURIComponent(n)}`)).status).toBe(204);
    const again = await anon.post("/calls", { calleeId: n, callType: "audio" }, web(caller.cookie));
    expect((await s1.get("/calls?version=0")).body.calls.map((c: { callId: string }) => c.callId)).not.toContain(again.body.callId);
    expect((await s2.get("/calls?version=0")).body.calls.map((c: { callId: string }) => c.callId)).toContain(again.body.callId);
  });

  it("a number belongs to one account at a time: verifying it in another account moves it", async () => {
    const n = usNumber();
    const first = await signUp(base);
    const second = await signUp(base);
    for (const [who, count] of [
      [first, 1],
      [second, 2],
    ] as const) {
      await anon.post("/msisdn/register", { msisdn: n }, web(who.cookie));
      const code = await waitForSmsCode(sms, n, count);
      expect((await anon.post("/msisdn/verify", { msisdn: n, code }, web(who.cookie))).status).toBe(200);
    }
    expect((await anon.get("/msisdn", { auth: { cookie: first.cookie } })).body.msisdns).toEqual([]);
    expect((await anon.get("/msisdn", { auth: { cookie: second.cookie } })).body.msisdns).toEqual([{ msisdn: n, verifiedAt: expect.any(Number) }]);
    const caller = await signUp(base);
    const r = await anon.post("/calls", { calleeId: n, callType: "audio" }, web(caller.cookie));
    expect((await anon.get("/calls?version=0", { auth: { cookie: second.cookie } })).body.calls.map((c: { callId: string }) => c.callId)).toContain(r.body.callId);
    expect((await anon.get("/calls?version=0", { auth: { cookie: first.cookie } })).body.calls.map((c: { callId: string }) => c.callId)).not.toContain(r.body.callId);
  });
});
