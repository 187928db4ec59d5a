import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { startServer, type RunningServer } from "../support/server";
import { signUp, trySignIn, uniqueEmail } from "../support/web-user";
import { hawkHeader, openSse } from "./rooms-support";

/**
 * Rate limits and caps (contract §1 "Limits"): each answers 429 / 116 in the envelope with
 * Retry-After. One server stands behind one trusted proxy (TRUST_PROXY=1) so tests can speak
 * from several addresses with X-Forwarded-For, as a real proxy would append them; another
 * trusts no proxy, where a client-sent X-Forwarded-For changes nothing.
 */
let proxied: RunningServer;
let direct: RunningServer;

beforeAll(async () => {
  [proxied, direct] = await Promise.all([
    startServer(
      {
        TRUST_PROXY: "1",
        LIMIT_REGISTRATION_PER_ADDRESS: "3/600",
        LIMIT_ROOM_CREATE_PER_USER: "2/600",
        LIMIT_CALL_URL_CREATE_PER_USER: "2/600",
        LIMIT_LINK_CALL_PER_LINK: "2/600",
        LIMIT_FEEDBACK_PER_ADDRESS: "2/600",
        LIMIT_TOKEN_MISS_PER_ADDRESS: "3/600",
        LIMIT_SIGN_UP_PER_ADDRESS: "2/600",
        LIMIT_SIGN_IN_PER_ADDRESS: "4/600",
        STREAMS_MAX_PER_IDENTITY: "2",
        STREAMS_MAX_PER_ADDRESS: "3",
        SESSIONS_MAX_PER_USER: "2",
      },
      "limits",
    ),
    startServer({ LIMIT_REGISTRATION_PER_ADDRESS: "3/600", ROOMS_MAX_PER_USER: "2", CALL_URLS_MAX_PER_USER: "2" }, "limits-direct"),
  ]);
});
afterAll(async () => {
  await Promise.all([proxied?.stop(), direct?.stop()]);
});
afterEach((ctx) => {
  // A failure shows the servers' unexpected errors (the logs are otherwise not printed).
  if (ctx.task.result?.state === "fail") {
    for (const s of [proxied, direct]) console.error(s?.logs().split("\n").filter((l) => /"level":"(error|warn)"/.test(l)).join("\n"));
  }
});

let n = 0;
/** A client that speaks from its own address (through the one trusted proxy). */
function from(address = `203.0.113.${++n}`) {
  return { headers: { "X-Forwarded-For": address } };
}

function expectLimited(r: { status: number; body: any; headers: Headers }) {
  expect(r.status).toBe(429);
  expect(r.body).toMatchObject({ code: 429, errno: 116 });
  expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
}

async function deviceFrom(base: string, address: string) {
  const c = new LoopClient(base);
  const r = await c.request("POST", "/registration", { body: {}, auth: "none", ...from(address) });
  expect(r.status).toBe(200);
  c.useSession(r.headers.get("hawk-session-token")!);
  return c;
}

describe("per address", { timeout: 90_000 }, () => {
  it("POST /registration: anonymous sessions per address", async () => {
    const c = new LoopClient(proxied.url);
    const a = from();
    for (let i = 0; i < 3; i++) expect((await c.request("POST", "/registration", { body: {}, auth: "none", ...a })).status).toBe(200);
    expectLimited(await c.request("POST", "/registration", { body: {}, auth: "none", ...a }));
    // Another address is not affected.
    expect((await c.request("POST", "/registration", { body: {}, auth: "none", ...from() })).status).toBe(200);
  });

  it("without a trusted proxy, a spoofed X-Forwarded-For is ignored: still limited", async () => {
    const c = new LoopClient(direct.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await c.request("POST", "/registration", { body: {}, auth: "none", headers: { "X-Forwarded-For": `198.51.100.${i}` } });
      statuses.push(r.status);
      if (r.status === 429) expectLimited(r);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it("behind one proxy, a client-sent first hop is ignored: the proxy's entry counts", async () => {
    const c = new LoopClient(proxied.url);
    const real = `203.0.113.${++n}`;
    for (let i = 0; i < 3; i++) {
      const r = await c.request("POST", "/registration", { body: {}, auth: "none", headers: { "X-Forwarded-For": `10.9.9.${i}, ${real}` } });
      expect(r.status).toBe(200);
    }
    expectLimited(await c.request("POST", "/registration", { body: {}, auth: "none", headers: { "X-Forwarded-For": `10.9.9.99, ${real}` } }));
  });

  it("POST /feedback", async () => {
    const c = new LoopClient(proxied.url);
    const a = from();
    for (let i = 0; i < 2; i++) expect((await c.request("POST", "/feedback", { body: { happy: true }, auth: "none", ...a })).status).toBe(201);
    expectLimited(await c.request("POST", "/feedback", { body: { happy: true }, auth: "none", ...a }));
  });

  it("guessing tokens: unknown room and call tokens count; past the limit even lookups wait", async () => {
    const c = new LoopClient(proxied.url);
    const a = from();
    const owner = await deviceFrom(proxied.url, `198.18.0.${++n}`);
    const real = await owner.post("/rooms", { roomOwner: "A", roomName: "r", maxSize: 2 }, from(`198.18.1.${n}`));
    expect(real.status).toBe(201);
    expect((await c.request("GET", "/rooms/AAAAAAAAAAAAAAAAAAAAAA", { auth: "none", ...a })).status).toBe(404);
    expect((await c.request("GET", "/calls/AAAAAAAAAAAAAAAAAAAAAA", { auth: "none", ...a })).status).toBe(404);
    expect((await c.request("POST", "/rooms/BBBBBBBBBBBBBBBBBBBBBB", { body: { action: "join", displayName: "x", clientMaxSize: 2 }, auth: "none", ...a })).status).toBe(404);
    expectLimited(await c.request("GET", "/rooms/CCCCCCCCCCCCCCCCCCCCCC", { auth: "none", ...a }));
    expectLimited(await c.request("GET", `/rooms/${real.body.roomToken}`, { auth: "none", ...a }));
    // Someone else holding the real link is unaffected.
    expect((await c.request("GET", `/rooms/${real.body.roomToken}`, { auth: "none", ...from() })).status).toBe(200);
  });

  it("POST /api/sign-up per address", async () => {
    const a = from();
    const post = (email: string) =>
      new LoopClient(proxied.url).request("POST", "/api/sign-up", { body: { email, password: "long enough" }, auth: "none", ...a });
    expect((await post(uniqueEmail())).status).toBe(201);
    expect((await post(uniqueEmail())).status).toBe(201);
    expectLimited(await post(uniqueEmail()));
  });
});

describe("per identity", { timeout: 90_000 }, () => {
  it("room creation per user, from any address; then the rooms cap", async () => {
    const c = await deviceFrom(proxied.url, `198.18.2.${++n}`);
    for (let i = 0; i < 2; i++) expect((await c.post("/rooms", { roomOwner: "A", roomName: `r${i}`, maxSize: 2 }, from())).status).toBe(201);
    expectLimited(await c.post("/rooms", { roomOwner: "A", roomName: "r3", maxSize: 2 }, from()));
  });

  it("call-URL creation per user", async () => {
    const c = await deviceFrom(proxied.url, `198.18.3.${++n}`);
    for (let i = 0; i < 2; i++) expect((await c.post("/call-url", { callerId: `friend${i}` }, from())).status).toBe(200);
    expectLimited(await c.post("/call-url", { callerId: "friend3" }, from()));
  });

  it("calls on one link, whoever places them: the owner's list is not buried", async () => {
    const user = await signUpAt(proxied.url);
    const owner = new LoopClient(proxied.url);
    const link = await owner.post("/call-url", { callerId: "anyone" }, { auth: { cookie: user.cookie, origin: proxied.url }, ...from() });
    expect(link.status).toBe(200);
    const callers = [from(), from(), from()];
    for (let i = 0; i < 2; i++) {
      const r = await new LoopClient(proxied.url).request("POST", `/calls/${link.body.callToken}`, { body: { callType: "audio-video" }, auth: "none", ...callers[i] });
      expect(r.status).toBe(200);
    }
    expectLimited(await new LoopClient(proxied.url).request("POST", `/calls/${link.body.callToken}`, { body: { callType: "audio-video" }, auth: "none", ...callers[2] }));
  });

  it("caps: live rooms and call links per user (ROOMS_MAX_PER_USER, CALL_URLS_MAX_PER_USER)", async () => {
    const user = await signUp(direct.url);
    const as = { auth: { cookie: user.cookie, origin: direct.url } };
    const c = new LoopClient(direct.url);
    for (let i = 0; i < 2; i++) expect((await c.post("/rooms", { roomOwner: "A", roomName: `c${i}`, maxSize: 2 }, as)).status).toBe(201);
    const room = await c.post("/rooms", { roomOwner: "A", roomName: "one too many", maxSize: 2 }, as);
    expectLimited(room);
    expect(room.body.message).toMatch(/limit of 2 rooms/);
    for (let i = 0; i < 2; i++) expect((await c.post("/call-url", { callerId: `f${i}` }, as)).status).toBe(200);
    const link = await c.post("/call-url", { callerId: "f3" }, as);
    expectLimited(link);
    expect(link.body.message).toMatch(/limit of 2 call links/);
    // Deleting a room makes room for another.
    const list = await c.get("/rooms", as);
    expect((await c.del(`/rooms/${list.body[0].roomToken}`, undefined, as)).status).toBe(204);
    expect((await c.post("/rooms", { roomOwner: "A", roomName: "again", maxSize: 2 }, as)).status).toBe(201);
  });

  it("open /events streams per identity: past the cap the oldest closes at once", async () => {
    const c = await deviceFrom(proxied.url, `198.18.5.${++n}`);
    const url = `${proxied.url}/events`;
    const addr = (i: number) => ({ "X-Forwarded-For": `198.18.6.${n * 10 + i}` });
    const s1 = await openSse(url, { ...hawkHeader(c, url), ...addr(1) });
    const s2 = await openSse(url, { ...hawkHeader(c, url), ...addr(2) });
    expect([s1.status, s2.status]).toEqual([200, 200]);
    const s3 = await openSse(url, { ...hawkHeader(c, url), ...addr(3) });
    expect(s3.status).toBe(200);
    await expect.poll(() => s1.ended, { timeout: 5000 }).toBe(true);
    expect(s2.ended).toBe(false);
    for (const s of [s2, s3]) s.close();
  });

  it("open streams per address: past the cap a new one is refused with 429 / 116", async () => {
    const a = `198.18.7.${++n}`;
    const streams = [];
    for (let i = 0; i < 3; i++) {
      const c = await deviceFrom(proxied.url, `198.18.8.${n * 10 + i}`);
      const url = `${proxied.url}/events`;
      streams.push(await openSse(url, { ...hawkHeader(c, url), "X-Forwarded-For": a }));
    }
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    const c = await deviceFrom(proxied.url, `198.18.9.${n}`);
    const url = `${proxied.url}/events`;
    const refused = await openSse(url, { ...hawkHeader(c, url), "X-Forwarded-For": a });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 429, errno: 116 });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    for (const s of streams) s.close();
  });

  it("Hawk sessions per user (SESSIONS_MAX_PER_USER): the least recently used is evicted", async () => {
    const user = await signUpAt(proxied.url);
    const as = { auth: { cookie: user.cookie, origin: proxied.url } };
    const web = new LoopClient(proxied.url);
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await web.post("/session", { label: `client ${i}` }, { ...as, ...from() });
      expect(r.status).toBe(201);
      tokens.push(r.body.hawkSessionToken);
    }
    const list = await web.get("/session", as);
    expect(list.body.sessions).toHaveLength(2);
    // The session just minted always survives; of the two older ones (used in the same
    // second here, so equally old) exactly one is gone.
    const status = async (t: string) => (await new LoopClient(proxied.url).useSession(t).get("/rooms")).status;
    expect(await status(tokens[2])).toBe(200);
    expect([await status(tokens[0]), await status(tokens[1])].sort()).toEqual([200, 401]);
  });
});

describe("web sign-in (contract §1: counted before the password is checked)", { timeout: 90_000 }, () => {
  it("parallel guesses from one address get their share, then 429 / 116; the owner elsewhere signs in", async () => {
    const user = await signUpAt(proxied.url);
    const attacker = `203.0.113.${++n}`;
    const tries = await Promise.all(
      Array.from({ length: 8 }, (_, i) => trySignIn(proxied.url, user.email, `guess-${i}-wrong`, { forwardedFor: attacker })),
    );
    const refusedFast = tries.filter((t) => t.status === 429);
    expect(refusedFast.length).toBeGreaterThanOrEqual(3);
    expect(tries.every((t) => !t.cookie)).toBe(true);
    for (const t of refusedFast) {
      expect(t.body).toMatchObject({ code: 429, errno: 116 });
      expect(Number(t.retryAfter)).toBeGreaterThan(0);
    }
    // The right password from the attacker's address is refused too (it is that address's
    // limit), but from the owner's own address it works.
    expect((await trySignIn(proxied.url, user.email, user.password, { forwardedFor: attacker })).status).toBe(429);
    const owner = await trySignIn(proxied.url, user.email, user.password, { forwardedFor: `203.0.113.${++n}` });
    expect(owner.cookie).toBeTruthy();
  });
});

/** Sign-up and sign-in from an address of its own (the proxied server limits sign-ups per address). */
async function signUpAt(base: string, address = `192.0.2.${++n % 250}`) {
  const email = uniqueEmail();
  const password = `pw-${n}-long-enough`;
  const r = await new LoopClient(base).request("POST", "/api/sign-up", { body: { email, password, name: "T" }, auth: "none", headers: { "X-Forwarded-For": address } });
  expect(r.status).toBe(201);
  const s = await trySignIn(base, email, password, { forwardedFor: address });
  expect(s.cookie).toBeTruthy();
  return { email, password, name: "T", cookie: s.cookie! };
}
