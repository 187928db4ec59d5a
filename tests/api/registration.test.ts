import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";

const base = inject("apiUrl");

describe("POST /registration push URLs (ref §2.2, contract §3)", () => {
  it("accepts the three body forms of the reference and the query form", async () => {
    const bodies: [unknown, string][] = [
      [{ simplePushURLs: { calls: "https://push.example.com/calls", rooms: "https://push.example.com/rooms" } }, ""],
      [{ simplePushURL: "https://push.example.com/legacy" }, ""],
      [{ simple_push_url: "https://push.example.com/older" }, ""],
      [undefined, `?simplePushURL=${encodeURIComponent("https://push.example.com/q")}`],
      [{}, ""],
    ];
    for (const [body, query] of bodies) {
      const c = new LoopClient(base);
      const r = await c.request("POST", `/registration${query}`, { body, auth: "none" });
      expect(r.status, JSON.stringify(body)).toBe(200);
      expect(r.headers.get("hawk-session-token")).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("http: only to a host in PUSH_ALLOWED_HOSTS", async () => {
    const c = new LoopClient(base);
    const refused = await c.post("/registration", { simplePushURLs: { calls: "http://push.example.com/x" } }, { auth: "none" });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errno: 107, error: expect.stringContaining("simplePushURLs.calls") });
    // The test server lists 127.0.0.1 and localhost.
    const allowed = await c.post("/registration", { simplePushURLs: { calls: "http://127.0.0.1:9/push" } }, { auth: "none" });
    expect(allowed.status).toBe(200);
  });

  it("refuses private, loopback and link-local addresses (400 / 107) and sends no session", async () => {
    const c = new LoopClient(base);
    for (const url of [
      "https://10.1.2.3/push",
      "https://192.168.1.20/push",
      "https://172.20.0.5/push",
      "https://169.254.169.254/latest/meta-data",
      "https://100.64.0.1/push",
      "https://0.0.0.0/push",
      "https://[::1]/push",
      "https://[fe80::1]/push",
      "https://[fd00::5]/push",
      "https://[::ffff:192.168.0.1]/push",
      "https://foo.localhost/push",
    ]) {
      const r = await c.post("/registration", { simplePushURLs: { rooms: url } }, { auth: "none" });
      expect(r.status, url).toBe(400);
      expect(r.body).toMatchObject({ errno: 107, error: "simplePushURLs.rooms should not point to a private address" });
      expect(r.headers.get("hawk-session-token"), url).toBeNull();
    }
  });

  it("refuses what is not an https URL, unknown topics and wrong types", async () => {
    const c = new LoopClient(base);
    for (const body of [
      { simplePushURLs: { calls: "not a url" } },
      { simplePushURLs: { calls: "ftp://push.example.com/x" } },
      { simplePushURLs: { calls: "https://user:pw@push.example.com/x" } },
      { simplePushURLs: { calls: `https://push.example.com/${"x".repeat(2100)}` } },
      { simplePushURLs: { video: "https://push.example.com/x" } },
      { simplePushURLs: "https://push.example.com/x" },
      { simplePushURLs: { calls: 42 } },
      { simplePushURL: ["https://push.example.com/x"] },
    ]) {
      const r = await c.post("/registration", body, { auth: "none" });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.errno).toBe(107);
      expect(r.headers.get("hawk-session-token")).toBeNull();
    }
  });

  it("a client that does not accept JSON → 406 / 106", async () => {
    const c = new LoopClient(base);
    const r = await c.post("/registration", {}, { auth: "none", headers: { Accept: "text/html" } });
    expect(r.status).toBe(406);
    expect(r.body).toMatchObject({ errno: 106 });
  });

  it("malformed JSON → 400 / 106 and no session", async () => {
    const c = new LoopClient(base);
    const r = await c.request("POST", "/registration", { rawBody: "{nope", auth: "none" });
    expect(r.status).toBe(400);
    expect(r.body.errno).toBe(106);
    expect(r.headers.get("hawk-session-token")).toBeNull();
  });

  it("the session token is exposed to cross-origin callers that are allowed", async () => {
    const c = new LoopClient(base);
    const r = await c.post("/registration", {}, { auth: "none", headers: { Origin: base } });
    expect(r.headers.get("access-control-expose-headers")).toContain("Hawk-Session-Token");
  });

  it("DELETE /registration removes this device's URLs (204), with Hawk only", async () => {
    const c = new LoopClient(base);
    await c.register({ simplePushURLs: { calls: "https://push.example.com/a" } });
    expect((await c.del("/registration")).status).toBe(204);
    expect((await c.del("/registration", undefined, { auth: "none" })).status).toBe(401);
  });
});
