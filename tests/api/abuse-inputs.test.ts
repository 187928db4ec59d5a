import { connect } from "node:net";
import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { signUp, trySignIn } from "../support/web-user";
import { basic, createRoom, device, guestJoin } from "./rooms-support";

/**
 * Bad input never produces a 5xx (issue 11): out-of-range numbers, JSON nested deeper than
 * any route needs, a malformed chunked body; and what guests may read of a room.
 */
const base = inject("apiUrl");

const deep = (levels: number) => "[".repeat(levels) + "1" + "]".repeat(levels);

describe("bad input → 4xx, never 5xx", () => {
  it("GET /calls?version=<beyond 64 bits> → 400 / 107 (was a Prisma 500)", async () => {
    const c = await device(base);
    for (const v of ["99999999999999999999999", "2147483648", "-1", "1e400"]) {
      const r = await c.get(`/calls?version=${v}`);
      expect(r.status, v).toBe(400);
      expect(r.body).toMatchObject({ code: 400, errno: 107 });
    }
    expect((await c.get("/calls?version=2147483647")).status).toBe(200);
    const rooms = await c.get("/rooms?version=99999999999999999999999");
    expect(rooms.status).toBe(400);
    expect(rooms.body.errno).toBe(107);
  });

  it("POST /video/signal with data nested 25,000 deep → 400 / 107 (was a stack overflow)", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const joined = await guestJoin(base, token, "Deep");
    for (const levels of [10_000, 25_000]) {
      const r = await new LoopClient(base).request("POST", `/video/signal?token=${encodeURIComponent(joined.body.sessionToken)}`, {
        rawBody: `{"to":"x","type":"offer","data":${deep(levels)}}`,
        auth: "none",
      });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 400, errno: 107 });
    }
  });

  it("deep JSON is refused the same way on every route", async () => {
    const anon = new LoopClient(base);
    const c = await device(base);
    const body = `{"a":${deep(5000)}}`;
    const cases: [string, string, LoopClient, "none" | "hawk"][] = [
      ["POST", "/registration", anon, "none"],
      ["POST", "/feedback", anon, "none"],
      ["POST", "/api/sign-up", anon, "none"],
      ["POST", "/rooms", c, "hawk"],
      ["POST", "/call-url", c, "hawk"],
      ["POST", "/calls/abcdefghijklmnopqrstuv", anon, "none"],
    ];
    for (const [method, path, client, auth] of cases) {
      const r = await client.request(method, path, { rawBody: body, auth, hawkPayload: false });
      expect(r.status, path).toBe(400);
      expect(r.body, path).toMatchObject({ errno: 107 });
    }
    // Depth 32 is fine (a route's own validation then judges it).
    const ok = await anon.request("POST", "/feedback", { rawBody: JSON.stringify({ happy: true, x: JSON.parse(deep(30)) }), auth: "none" });
    expect(ok.status).toBe(201);
  });

  it("a malformed chunked body → 400, not a storage error", async () => {
    const { port, hostname } = new URL(base);
    const answer = await new Promise<string>((resolve, reject) => {
      const s = connect(Number(port), hostname, () => {
        s.write(
          "POST /feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
            "5\r\n{\"hap\r\nZZZ-not-hex\r\nmore\r\n0\r\n\r\n",
        );
      });
      let data = "";
      s.on("data", (d) => (data += d));
      s.on("end", () => resolve(data));
      s.on("error", reject);
      setTimeout(() => resolve(data), 5000).unref();
    });
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });
});

describe("a participant's account goes to the room's owner only (contract §3)", () => {
  it("guests see display names, the owner sees accounts", async () => {
    const owner = await signUp(base);
    const as = { auth: { cookie: owner.cookie, origin: base } };
    const c = new LoopClient(base);
    const created = await c.post("/rooms", { roomOwner: owner.name, roomName: "Accounts", maxSize: 5 }, as);
    const token = created.body.roomToken as string;
    expect((await c.post(`/rooms/${token}`, { action: "join", displayName: owner.name, clientMaxSize: 5 }, as)).status).toBe(200);
    const guest = await guestJoin(base, token, "Guest");
    expect(guest.status).toBe(200);

    const seenByGuest = await c.get(`/rooms/${token}`, { auth: basic(guest.body.sessionToken) });
    expect(seenByGuest.status).toBe(200);
    expect(seenByGuest.body.participants).toHaveLength(2);
    for (const p of seenByGuest.body.participants) expect(p).not.toHaveProperty("account");
    expect(seenByGuest.text).not.toContain(owner.email);

    const seenByOwner = await c.get(`/rooms/${token}`, as);
    const me = seenByOwner.body.participants.find((p: { owner: boolean }) => p.owner);
    expect(me.account).toBe(owner.email);
    const list = await c.get("/rooms", as);
    expect(list.body[0].participants.find((p: { owner: boolean }) => p.owner).account).toBe(owner.email);
  });
});

describe("sign-in never sends a fresh session off-site", () => {
  it.each(["/%09/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/", "/%0a/evil.example"])(
    "callbackUrl=%s stays on this origin",
    async (callbackUrl) => {
      const user = await signUp(base);
      // The sign-in page of a signed-in person links straight to where it would go.
      const page = await fetch(`${base}/sign-in?callbackUrl=${callbackUrl}`, { headers: { Cookie: user.cookie, Accept: "text/html" } });
      expect(page.status).toBe(200);
      const html = await page.text();
      const href = /<a [^>]*href="([^"]*)"[^>]*>Continue<\/a>/.exec(html)?.[1];
      expect(href).toBe("/dashboard");
      // next-auth's own redirect after the credentials sign-in.
      const { url } = await trySignIn(base, user.email, user.password, { callbackUrl: decodeURIComponent(callbackUrl) });
      if (!url) throw new Error("next-auth named no redirect");
      expect(new URL(url).origin).toBe(new URL(base).origin);
      expect(new URL(url, base).pathname.startsWith("//")).toBe(false);
    },
  );
});
