import { beforeAll, describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";

// Call URLs over HTTP (ref §2.4, contract §3) and their bad-input cases (ref §10).

const base = inject("apiUrl");
const owner = new LoopClient(base);
const stranger = new LoopClient(base);
const anon = new LoopClient(base);

beforeAll(async () => {
  await owner.register();
  await stranger.register();
});

async function newLink(body: Record<string, unknown> = { callerId: "alice@example.com" }) {
  const r = await owner.post("/call-url", body);
  expect(r.status).toBe(200);
  return r.body as { callUrl: string; callToken: string; expiresAt: number };
}

describe("POST /call-url", () => {
  it("works (unlike the original's last version), at / and /v1", async () => {
    for (const prefix of ["", "/v1"]) {
      const before = Math.floor(Date.now() / 1000);
      const r = await owner.post(`${prefix}/call-url`, { callerId: "alice@example.com", expiresIn: 2, issuer: "Bob", subject: "Lunch?" });
      expect(r.status).toBe(200);
      expect(r.body.callUrl).toBe(`${base}/c/${r.body.callToken}`);
      expect(r.body.callToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(r.body.expiresAt).toBeGreaterThanOrEqual(before + 2 * 3600);
      expect(r.body.expiresAt).toBeLessThanOrEqual(before + 2 * 3600 + 5);
    }
  });

  it("defaults to 720 hours; the seed's remote_id / valid_duration work", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await newLink()).expiresAt - now).toBeGreaterThanOrEqual(720 * 3600 - 5);
    const seed = await newLink({ remote_id: "carol", valid_duration: 3 });
    expect(seed.expiresAt - now).toBeLessThanOrEqual(3 * 3600 + 5);
    const listed = (await owner.get("/call-url")).body.find((l: { callToken: string }) => l.callToken === seed.callToken);
    expect(listed.callerId).toBe("carol");
  });

  it("bad input: missing callerId 108, bad expiresIn / subject 107, no credentials 401", async () => {
    expect((await owner.post("/call-url", {})).body).toMatchObject({ code: 400, errno: 108, error: "Missing: callerId" });
    expect((await owner.post("/call-url", { callerId: "a", expiresIn: "abc" })).body).toMatchObject({
      code: 400,
      errno: 107,
      error: "expiresIn should be a valid number",
    });
    expect((await owner.post("/call-url", { callerId: "a", expiresIn: 721 })).body).toMatchObject({ errno: 107, error: "expiresIn should be less than 720" });
    expect((await owner.post("/call-url", { callerId: "a", subject: "x".repeat(125) })).body).toMatchObject({ errno: 107 });
    expect((await owner.request("POST", "/call-url", { rawBody: "{nope", headers: { "Content-Type": "application/json" } })).body).toMatchObject({
      errno: 106,
    });
    const unauth = await anon.post("/call-url", { callerId: "a" }, { auth: "none" });
    expect(unauth.status).toBe(401);
    expect(unauth.body).toMatchObject({ errno: 110 });
  });
});

describe("GET /call-url", () => {
  it("lists the caller's live links, oldest first, and nobody else's", async () => {
    const mine = await newLink({ callerId: "dora", issuer: "Bob", subject: "hi" });
    const list = (await owner.get("/call-url")).body as Record<string, unknown>[];
    const entry = list.find((l) => l.callToken === mine.callToken)!;
    expect(entry).toEqual({
      callToken: mine.callToken,
      callUrl: mine.callUrl,
      callerId: "dora",
      timestamp: expect.any(Number),
      issuer: "Bob",
      subject: "hi",
      expires: mine.expiresAt,
    });
    const timestamps = list.map((l) => l.timestamp as number);
    expect([...timestamps].sort((x, y) => x - y)).toEqual(timestamps);
    expect((await stranger.get("/call-url")).body).toEqual([]);
  });
});

describe("PUT /call-url/{token}", () => {
  it("extends and changes; fields not sent are kept", async () => {
    const link = await newLink({ callerId: "eve", issuer: "Bob", expiresIn: 1 });
    const r = await owner.put(`/call-url/${link.callToken}`, { expiresIn: 48, issuer: "Robert" });
    expect(r.status).toBe(200);
    expect(r.body.expiresAt).toBeGreaterThan(link.expiresAt + 40 * 3600);
    const info = await anon.get(`/calls/${link.callToken}`, { auth: "none" });
    expect(info.body.calleeFriendlyName).toBe("Robert");
    const entry = (await owner.get("/call-url")).body.find((l: { callToken: string }) => l.callToken === link.callToken);
    expect(entry).toMatchObject({ callerId: "eve", issuer: "Robert", expires: r.body.expiresAt });
  });

  it("bad input and other people's links", async () => {
    const link = await newLink();
    expect((await owner.put(`/call-url/${link.callToken}`, { expiresIn: "x" })).body).toMatchObject({ errno: 107 });
    expect((await owner.put(`/call-url/${link.callToken}`, { expiresIn: 1000 })).body).toMatchObject({ errno: 107 });
    expect((await owner.put("/call-url/AAAAAAAAAAAAAAAAAAAAAA", {})).body).toEqual({ code: 404, errno: 105, error: "Token not found." });
    expect((await stranger.put(`/call-url/${link.callToken}`, { issuer: "Mallory" })).body).toEqual({ code: 404, errno: 105, error: "Not Found." });
    expect((await anon.put(`/call-url/${link.callToken}`, {}, { auth: "none" })).status).toBe(401);
  });
});

describe("DELETE /call-url/{token}", () => {
  it("owner only (else 403 / 110); a revoked link is 404 / 105 everywhere", async () => {
    const link = await newLink();
    const forbidden = await stranger.del(`/call-url/${link.callToken}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ code: 403, errno: 110 });
    expect((await owner.del(`/call-url/${link.callToken}`)).status).toBe(204);

    const gone = { code: 404, errno: 105, error: "Token not found." };
    expect((await anon.get(`/calls/${link.callToken}`, { auth: "none" })).body).toEqual(gone);
    expect((await anon.post(`/calls/${link.callToken}`, { callType: "audio" }, { auth: "none" })).body).toEqual(gone);
    expect((await owner.put(`/call-url/${link.callToken}`, {})).body).toEqual(gone);
    expect((await owner.del(`/call-url/${link.callToken}`)).body).toEqual(gone);
    expect((await owner.get("/call-url")).body.some((l: { callToken: string }) => l.callToken === link.callToken)).toBe(false);
  });

  it("unknown and malformed tokens are 404 / 105", async () => {
    expect((await owner.del("/call-url/abcdefghijk")).body).toMatchObject({ code: 404, errno: 105 });
    expect((await anon.get("/calls/not-a-token!", { auth: "none" })).body).toMatchObject({ code: 404, errno: 105 });
  });
});
