import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { startServer, type RunningServer } from "../support/server";
import { signUp } from "../support/web-user";
import { createRoom, device, guestJoin } from "./rooms-support";

/**
 * The OpenTok provider through the real `opentok` SDK, against a local stand-in of the
 * OpenTok REST API (the only stand-in in our tests): one session per room even when first
 * joins arrive together, tokens with the right role and a 24 h expiry, and a provider outage
 * answered 503 / 201 with Retry-After.
 */
const API_KEY = "4700001";
const API_SECRET = "opentok-test-secret-0123456789abcdef";

let standIn: Server;
let server: RunningServer;
let base: string;
const calls: { auth: string | undefined; body: string }[] = [];
let mode: "ok" | "fail" = "ok";
let sessions = 0;
const issued: string[] = [];

/** A session id the SDK accepts for this API key ("1_" + base64 of "~"-separated fields). */
function sessionIdFor(n: number) {
  const fields = ["1", API_KEY, "127.0.0.1", new Date().toUTCString(), "0.5", `stand-in-${n}`];
  return `1_${Buffer.from(fields.join("~")).toString("base64").replace(/\+/g, "-").replace(/\//g, "_")}`;
}

beforeAll(async () => {
  standIn = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/session/create") {
        res.writeHead(404).end();
        return;
      }
      calls.push({ auth: req.headers["x-opentok-auth"] as string | undefined, body });
      if (mode === "fail") {
        res.writeHead(500, { "Content-Type": "application/json" }).end('{"message":"down"}');
        return;
      }
      // Slow enough that concurrent first joins overlap.
      setTimeout(() => {
        const id = sessionIdFor(++sessions);
        issued.push(id);
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify([{ session_id: id }]));
      }, 300);
    });
  });
  await new Promise<void>((r) => standIn.listen(0, "127.0.0.1", r));
  const apiUrl = `http://127.0.0.1:${(standIn.address() as { port: number }).port}`;
  server = await startServer({ OPENTOK_API_KEY: API_KEY, OPENTOK_API_SECRET: API_SECRET, OPENTOK_API_URL: apiUrl, LOG_LEVEL: "warn" }, "opentok");
  base = server.url;
});

afterAll(async () => {
  await server?.stop();
  await new Promise((r) => standIn.close(r));
});

function claims(jwt: string) {
  const parts = jwt.split(".");
  expect(parts).toHaveLength(3);
  return JSON.parse(Buffer.from(parts[1], "base64url").toString());
}

describe("OpenTok provider", () => {
  it("creating a room does not call OpenTok; concurrent first joins create exactly one session", async () => {
    const owner = await device(base);
    const token = await createRoom(owner, { maxSize: 5 });
    expect(calls).toHaveLength(0);

    const [own, ...guests] = await Promise.all([
      owner.post(`/rooms/${token}`, { action: "join", displayName: "Alice", clientMaxSize: 5 }),
      guestJoin(base, token, "G1"),
      guestJoin(base, token, "G2"),
      guestJoin(base, token, "G3"),
    ]);
    for (const r of [own, ...guests]) expect(r.status, r.text).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0].auth).toBeTruthy(); // the SDK authenticated itself
    const ids = new Set([own, ...guests].map((r) => r.body.sessionId));
    expect([...ids]).toEqual([issued[0]]);
    expect(own.body).toMatchObject({ apiKey: API_KEY, provider: "opentok", expires: 300 });

    // Later joins reuse the stored session.
    await owner.post(`/rooms/${token}`, { action: "leave" });
    const later = await owner.post(`/rooms/${token}`, { action: "join", displayName: "Alice", clientMaxSize: 5 });
    expect(later.body.sessionId).toBe(own.body.sessionId);
    expect(calls).toHaveLength(1);

    // Another room gets its own session.
    const other = await guestJoin(base, await createRoom(owner), "G");
    expect(other.body.sessionId).not.toBe(own.body.sessionId);
    expect(calls).toHaveLength(2);
  });

  it("tokens: moderator for the owner, publisher otherwise, valid 24 h, naming the session", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const g = await guestJoin(base, token, "Guest");
    const o = await owner.post(`/rooms/${token}`, { action: "join", displayName: "Alice", clientMaxSize: 5 });
    const now = Math.floor(Date.now() / 1000);
    const gc = claims(g.body.sessionToken);
    const oc = claims(o.body.sessionToken);
    expect(gc).toMatchObject({ iss: API_KEY, session_id: g.body.sessionId, role: "publisher", scope: "session.connect" });
    expect(oc).toMatchObject({ iss: API_KEY, session_id: o.body.sessionId, role: "moderator" });
    for (const c of [gc, oc]) {
      expect(c.exp - now).toBeGreaterThan(24 * 3600 - 30);
      expect(c.exp - now).toBeLessThanOrEqual(24 * 3600 + 5);
    }
    expect(JSON.parse(gc.connection_data)).toEqual({ name: "Guest", kind: "room", ref: token });
    // The guest authenticates with its OpenTok token as Basic credential, as in the original.
    const anon = new LoopClient(base);
    const refresh = await anon.post(`/rooms/${token}`, { action: "refresh" }, { auth: { basic: g.body.sessionToken } });
    expect(refresh.body).toEqual({ expires: 300 });
    // The p2p relay does not accept OpenTok tokens.
    const relay = await fetch(`${base}/video/signal`, { headers: { Authorization: `Bearer ${g.body.sessionToken}` } });
    expect(relay.status).toBe(401);
  });

  it("provider failure → 503 / 201 with Retry-After, nothing joined; works again once OpenTok is back", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const before = calls.length;
    mode = "fail";
    try {
      const r = await guestJoin(base, token, "G");
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ code: 503, errno: 201 });
      expect(r.headers.get("retry-after")).toBe("30");
      expect(calls.length - before).toBe(3); // retried, as the original
      expect((await owner.get(`/rooms/${token}`)).body.participants).toEqual([]);
    } finally {
      mode = "ok";
    }
    const ok = await guestJoin(base, token, "G");
    expect(ok.status).toBe(200);
    expect(ok.body.provider).toBe("opentok");
  });

  it("a direct call to two people: each callee gets an OpenTok token of its own for the one session", async () => {
    const [caller, ann, ben] = await Promise.all([signUp(base), signUp(base), signUp(base)]);
    const anon = new LoopClient(base);
    const r = await anon.post("/calls", { calleeId: [ann.email, ben.email], callType: "audio-video" }, { auth: { cookie: caller.cookie, origin: base } });
    expect(r.status, r.text).toBe(200);
    expect(r.body.provider).toBe("opentok");
    const incoming = async (cookie: string) =>
      (await anon.get("/calls?version=0", { auth: { cookie } })).body.calls.find((c: { callId: string }) => c.callId === r.body.callId);
    const tokens = [(await incoming(ann.cookie)).sessionToken as string, (await incoming(ben.cookie)).sessionToken as string];
    expect(new Set([...tokens, r.body.sessionToken]).size).toBe(3);
    const legs = tokens.map((t) => {
      // Signed by our API secret (HS256), as OpenTok checks it, for the call's session.
      const [h, p, sig] = t.split(".");
      expect(createHmac("sha256", API_SECRET).update(`${h}.${p}`).digest("base64url")).toBe(sig);
      const c = claims(t);
      expect(c).toMatchObject({ iss: API_KEY, session_id: r.body.sessionId, role: "publisher" });
      const data = JSON.parse(c.connection_data);
      expect(data).toMatchObject({ kind: "call", ref: r.body.callId });
      return data.leg;
    });
    expect(legs[0]).toMatch(/^[0-9a-f]{8}$/);
    expect(legs[0]).not.toBe(legs[1]);
  });
});
