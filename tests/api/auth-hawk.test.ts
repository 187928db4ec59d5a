import { randomBytes } from "node:crypto";
import Hawk from "@hapi/hawk";
import { describe, expect, inject, it } from "vitest";
import { deriveHawk, LoopClient } from "../support/loop-client";

const base = inject("apiUrl");

async function anonymous() {
  const c = new LoopClient(base);
  await c.register();
  return c;
}

/** A Hawk request with a header we build ourselves (stale clocks, replays, wrong keys). */
async function sendWithHeader(method: string, path: string, header: string, body?: string) {
  const res = await fetch(base + path, {
    method,
    headers: { Authorization: header, Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}) },
    body,
  });
  return { status: res.status, headers: res.headers, body: await res.json().catch(() => undefined) };
}

function expect401(r: { status: number; headers: Headers; body: any }) {
  expect(r.status).toBe(401);
  expect(r.body).toMatchObject({ code: 401, errno: 110 });
  expect(r.headers.get("www-authenticate")).toMatch(/^Hawk/);
  expect(r.headers.get("timestamp")).toMatch(/^\d+$/);
}

describe("Hawk sessions (contract §2.1, ref §1.3–1.4)", () => {
  it("POST /registration without credentials creates an anonymous session (64 hex chars)", async () => {
    const c = new LoopClient(base);
    const r = await c.register();
    expect(r.status).toBe(200);
    expect(r.text).toBe("");
    expect(r.headers.get("hawk-session-token")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the HKDF-derived credentials sign requests, at / and /v1; a Hawk registration mints nothing new", async () => {
    const c = await anonymous();
    for (const prefix of ["", "/v1"]) {
      const r = await c.post(`${prefix}/registration`, { simplePushURLs: { rooms: "https://push.example.com/x" } });
      expect(r.status, prefix).toBe(200);
      expect(r.headers.get("hawk-session-token")).toBeNull();
    }
    expect((await c.del("/registration")).status).toBe(204);
  });

  it("a wrong MAC (wrong key) → 401 / 110", async () => {
    const c = await anonymous();
    const creds = { ...c.credentials!, key: randomBytes(32).toString("hex") };
    const { header } = Hawk.client.header(`${base}/registration`, "DELETE", { credentials: creds });
    expect401(await sendWithHeader("DELETE", "/registration", header));
  });

  it("a request signed for another path → 401", async () => {
    const c = await anonymous();
    const { header } = Hawk.client.header(`${base}/session`, "DELETE", { credentials: c.credentials! });
    expect401(await sendWithHeader("DELETE", "/registration", header));
  });

  it("a stale timestamp (outside ±60 s) → 401 telling the client the server's time", async () => {
    const c = await anonymous();
    for (const offset of [-90, 90]) {
      const { header } = Hawk.client.header(`${base}/registration`, "DELETE", {
        credentials: c.credentials!,
        timestamp: Math.floor(Date.now() / 1000) + offset,
      });
      const r = await sendWithHeader("DELETE", "/registration", header);
      expect401(r);
      expect(r.headers.get("www-authenticate")).toMatch(/ts="\d+".*error="Stale timestamp"/);
    }
    // 50 s off is still inside the window.
    const { header } = Hawk.client.header(`${base}/registration`, "DELETE", {
      credentials: c.credentials!,
      timestamp: Math.floor(Date.now() / 1000) - 50,
    });
    expect((await sendWithHeader("DELETE", "/registration", header)).status).toBe(204);
  });

  it("a replayed request (same nonce) → 401", async () => {
    const c = await anonymous();
    const { header } = Hawk.client.header(`${base}/registration`, "DELETE", { credentials: c.credentials! });
    expect((await sendWithHeader("DELETE", "/registration", header)).status).toBe(204);
    expect401(await sendWithHeader("DELETE", "/registration", header));
  });

  it("an unknown Hawk id → 401", async () => {
    const creds = deriveHawk(randomBytes(32).toString("hex"));
    const { header } = Hawk.client.header(`${base}/registration`, "DELETE", { credentials: creds });
    expect401(await sendWithHeader("DELETE", "/registration", header));
  });

  it("a payload hash that does not match the body → 401; a matching one passes", async () => {
    const c = await anonymous();
    const signed = JSON.stringify({ simplePushURL: "https://push.example.com/a" });
    const sent = JSON.stringify({ simplePushURL: "https://push.example.com/b" });
    const bad = Hawk.client.header(`${base}/registration`, "POST", { credentials: c.credentials!, payload: signed, contentType: "application/json" });
    expect401(await sendWithHeader("POST", "/registration", bad.header, sent));
    const good = Hawk.client.header(`${base}/registration`, "POST", { credentials: c.credentials!, payload: sent, contentType: "application/json" });
    expect((await sendWithHeader("POST", "/registration", good.header, sent)).status).toBe(200);
  });

  it("garbage in the Hawk header → 401, never 500", async () => {
    for (const header of ["Hawk", 'Hawk id="x"', 'Hawk id="x", ts="1", nonce="n", mac="m"', "Hawk " + "a".repeat(5000)]) {
      const r = await sendWithHeader("DELETE", "/registration", header);
      expect(r.status, header.slice(0, 30)).toBe(401);
      expect(r.body.errno).toBe(110);
    }
  });

  it("another scheme on POST /registration → 401 Unsupported with WWW-Authenticate: Hawk", async () => {
    const c = new LoopClient(base);
    const r = await c.post("/registration", {}, { auth: { header: "Bearer abc" } });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ errno: 110, error: "Unsupported" });
    expect(r.headers.get("www-authenticate")).toBe("Hawk");
  });

  it("routes that need Hawk refuse a request without credentials (401 / 110)", async () => {
    const c = new LoopClient(base);
    for (const [method, path] of [
      ["DELETE", "/registration"],
      ["DELETE", "/session"],
      ["DELETE", "/account"],
    ]) {
      const r = await c.request(method, path, { auth: "none" });
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.body.errno).toBe(110);
    }
  });

  it("DELETE /session by an anonymous session → 403 / 110 (use DELETE /account instead)", async () => {
    const c = await anonymous();
    const r = await c.del("/session");
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: 403, errno: 110 });
    // The session is still usable.
    expect((await c.del("/registration")).status).toBe(204);
  });

  it("DELETE /account by an anonymous session ends it: its credentials stop working", async () => {
    const c = await anonymous();
    await c.post("/registration", { simplePushURLs: { calls: "https://push.example.com/c" } });
    expect((await c.del("/account")).status).toBe(204);
    expect401(await c.del("/registration"));
  });
});
