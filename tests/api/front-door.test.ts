import { connect } from "node:net";
import { describe, expect, inject, it } from "vitest";
import Hawk from "@hapi/hawk";
import { LoopClient } from "../support/loop-client";
import { createRoom, device, hawkHeader, openSse } from "./rooms-support";

/**
 * The front door (contract §1): `/v0` beside `/` and `/v1`, and an answer in the Loop envelope
 * for whatever arrives, including what fetch() would refuse to send (raw sockets below).
 */
const base = inject("apiUrl");
const { hostname, port } = new URL(base);

type Raw = { status: number; headers: Record<string, string>; body: string; json: any };

/** Sends `head` (request line + headers, without the blank line) byte for byte; reads the answer. */
function raw(head: string | Buffer, body = ""): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const s = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    s.on("data", (d: Buffer) => chunks.push(d));
    s.on("error", reject);
    s.on("end", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const i = text.indexOf("\r\n\r\n");
      const lines = text.slice(0, i).split("\r\n");
      const headers: Record<string, string> = {};
      for (const l of lines.slice(1)) {
        const c = l.indexOf(":");
        headers[l.slice(0, c).toLowerCase()] = l.slice(c + 1).trim();
      }
      const b = text.slice(i + 4);
      let json: any;
      try {
        json = JSON.parse(b);
      } catch {
        json = undefined;
      }
      resolve({ status: Number(lines[0].split(" ")[1]), headers, body: b, json });
    });
    const h = Buffer.isBuffer(head) ? head : Buffer.from(head, "latin1");
    s.write(Buffer.concat([h, Buffer.from(`\r\nHost: ${hostname}:${port}\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`)]));
  });
}

const envelope = (code: number, no: number) => ({ code, errno: no, error: expect.any(String) });

describe("/v0: the prefix original clients use (contract §1)", () => {
  it("registers without credentials and signs later requests against the /v0 path", async () => {
    const c = new LoopClient(`${base}/v0`);
    await c.register();
    const token = await createRoom(c); // POST /v0/rooms, Hawk-signed over "/v0/rooms"
    const own = await c.get(`/rooms/${token}`);
    expect(own.status).toBe(200);
    expect(own.body.roomToken).toBe(token);
    const list = await c.get("/rooms");
    expect(list.status).toBe(200);
    expect(list.body.map((r: { roomToken: string }) => r.roomToken)).toContain(token);
    // The same session at the root and under /v1.
    const root = new LoopClient(base).useSession(c.sessionToken!);
    expect((await root.get(`/rooms/${token}`)).status).toBe(200);
    const v1 = new LoopClient(`${base}/v1`).useSession(c.sessionToken!);
    expect((await v1.get(`/rooms/${token}`)).status).toBe(200);
  });

  it("checks the MAC against the path as sent: a signature over /rooms does not pass on /v0/rooms", async () => {
    const c = await device(base);
    const header = Hawk.client.header(`${base}/rooms`, "GET", { credentials: c.credentials! }).header;
    const r = await c.get("/v0/rooms", { auth: { header } });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject(envelope(401, 110));
  });

  it("answers every route family under /v0 exactly as at the root", async () => {
    const c = await device(base);
    const token = await createRoom(c);
    const cases: Array<[string, string, unknown?]> = [
      ["GET", "/"],
      ["GET", "/__heartbeat__"],
      ["GET", "/__lbheartbeat__"],
      ["GET", "/push-server-config"],
      ["GET", "/rooms"],
      ["GET", `/rooms/${token}`],
      ["POST", "/call-url", { callerId: "alice@example.com" }],
      ["GET", "/calls?version=0"],
      ["GET", "/calls/doesnotexistdoesnotexist"],
      ["GET", "/calls/id/0123456789abcdef0123456789abcdef"],
      ["GET", "/contacts"],
      ["GET", "/account"],
      ["DELETE", "/session"],
      ["GET", "/session/x"],
      ["POST", "/feedback", {}],
      ["GET", "/video/signal"],
    ];
    for (const [method, path, body] of cases) {
      const atRoot = await c.request(method, path, { body });
      const atV0 = await new LoopClient(`${base}/v0`).useSession(c.sessionToken!).request(method, path, { body });
      const label = `${method} /v0${path}`;
      expect(atV0.status, label).toBe(atRoot.status);
      // Reached the route: not the router's "Resource not found." (a 404 / 105 for an unknown token is the route's answer).
      expect(atV0.status === 404 && atV0.body?.errno === 999, label).toBe(false);
      expect(atV0.headers.get("content-type"), label).toMatch(/application\/json/);
      if (atRoot.body?.errno) expect(atV0.body.errno, label).toBe(atRoot.body.errno);
    }
  });

  it("streams /v0/events", async () => {
    const c = await device(base);
    const sse = await openSse(`${base}/v0/events`, hawkHeader(c, `${base}/v0/events`));
    expect(sse.status).toBe(200);
    expect(sse.headers.get("content-type")).toMatch(/text\/event-stream/);
    const token = await createRoom(c);
    await sse.until((es) => es.some((e) => e.data?.roomToken === token));
    sse.close();
  });

  it("GET /v0/ gives JSON clients the server info and browsers the landing page", async () => {
    const json = await fetch(`${base}/v0/`, { headers: { Accept: "application/json" } });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ name: expect.any(String), version: expect.any(String) });
    const html = await fetch(`${base}/v0`, { headers: { Accept: "text/html" } });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/text\/html/);
  });
});

describe("an answer in the envelope for every request (contract §1)", () => {
  for (const path of ["/rooms/%zz", "/calls/id/%ED%A0%80", "/contacts/%C0%AF", "/v1/rooms/%zz", "/v0/calls/%E0%A4%A", "/rooms/a%00b"]) {
    it(`a path that does not decode: GET ${path} → 400 / 107`, async () => {
      const r = await raw(`GET ${path} HTTP/1.1`);
      expect(r.status).toBe(400);
      expect(r.headers["content-type"]).toMatch(/application\/json/);
      expect(r.json).toEqual(envelope(400, 107));
    });
  }

  it("a raw Latin-1 byte in a path → 400 / 107", async () => {
    const r = await raw(Buffer.concat([Buffer.from("GET /rooms/caf"), Buffer.from([0xe9]), Buffer.from(" HTTP/1.1")]));
    expect(r.status).toBe(400);
    expect(r.json).toEqual(envelope(400, 107));
  });

  it("a page whose path does not decode gets the not-found page, not a 500", async () => {
    const r = await raw(`GET /%zz HTTP/1.1\r\nAccept: text/html`);
    expect(r.status).toBe(404);
    expect(r.headers["content-type"]).toMatch(/text\/html/);
  });

  it("a method the route lacks → 405 with Allow and errno 999", async () => {
    const put = await raw("PUT /rooms HTTP/1.1\r\nContent-Type: application/json", "{}");
    expect(put.status).toBe(405);
    expect(put.json).toEqual(envelope(405, 999));
    expect(put.headers.allow.split(/,\s*/).sort()).toEqual(["GET", "HEAD", "OPTIONS", "PATCH", "POST"]);
    const account = await raw("GET /v0/account HTTP/1.1");
    expect(account.status).toBe(405);
    expect(account.json).toEqual(envelope(405, 999));
    expect(account.headers.allow).toMatch(/DELETE/);
  });

  for (const path of ["/rooms", "/", "/v1/registration", "/dashboard"]) {
    it(`TRACE ${path} → 405 in the envelope`, async () => {
      const r = await raw(`TRACE ${path} HTTP/1.1`);
      expect(r.status).toBe(405);
      expect(r.json).toEqual(envelope(405, 999));
      expect(r.headers.allow).toBeTruthy();
    });
  }

  it("CONNECT is answered in the envelope, never tunnelled nor left unanswered", async () => {
    const proxy = await raw("CONNECT loop.example:443 HTTP/1.1");
    expect(proxy.status).toBe(400);
    expect(proxy.json).toEqual(envelope(400, 107));
    const rooms = await raw("CONNECT /v0/rooms HTTP/1.1");
    expect(rooms.status).toBe(405);
    expect(rooms.json).toEqual(envelope(405, 999));
    expect(rooms.headers.allow.split(/,\s*/).sort()).toEqual(["GET", "HEAD", "OPTIONS", "PATCH", "POST"]);
    const page = await raw("CONNECT /dashboard HTTP/1.1");
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBe("GET, HEAD");
    expect((await raw("CONNECT /v1/nothing-here HTTP/1.1")).json).toEqual({ code: 404, errno: 999, error: "Resource not found." });
    expect((await raw("CONNECT /rooms/%zz HTTP/1.1")).json).toEqual(envelope(400, 107));
  });

  it("OPTIONS * → 400 in the envelope", async () => {
    const r = await raw("OPTIONS * HTTP/1.1");
    expect(r.status).toBe(400);
    expect(r.json).toEqual(envelope(400, 107));
  });

  it("a method Node's parser does not know → 400 in the envelope", async () => {
    const r = await raw("BREW /rooms HTTP/1.1");
    expect(r.status).toBe(400);
    expect(r.json).toEqual(envelope(400, 107));
  });

  for (const path of ["/v1/push-server-config/x", "/v1/rooms/abcdefghijk/extra", "/v0/nothing-here", "/v1/dashboard", "/rooms/a/b/c", "/v0/__heartbeat__/x"]) {
    it(`unknown API path ${path} → 404 / 999`, async () => {
      const r = await raw(`GET ${path} HTTP/1.1`);
      expect(r.status).toBe(404);
      expect(r.json).toEqual({ code: 404, errno: 999, error: "Resource not found." });
    });
  }

  it("the web app's own endpoints (/api/…) answer in the envelope too; next-auth's stay Next's", async () => {
    const get = await raw("GET /api/locale HTTP/1.1");
    expect(get.status).toBe(405);
    expect(get.json).toEqual(envelope(405, 999));
    expect(get.headers.allow.split(/,\s*/).sort()).toEqual(["OPTIONS", "POST"]);
    const put = await raw("PUT /api/email-verification/confirm HTTP/1.1\r\nContent-Type: application/json", "{}");
    expect(put.status).toBe(405);
    expect(put.json).toEqual(envelope(405, 999));
    for (const path of ["/api/nothing-here", "/api", "/v1/api/locale", "/v0/api/sign-up"]) {
      const r = await raw(`GET ${path} HTTP/1.1`);
      expect(r.status, path).toBe(404);
      expect(r.json, path).toEqual({ code: 404, errno: 999, error: "Resource not found." });
    }
    expect((await raw("GET /api/%zz HTTP/1.1")).json).toEqual(envelope(400, 107));
    // The language switcher still works through its handler, cookie and all.
    const post = await fetch(`${base}/api/locale`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ locale: "fr" }) });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual({ locale: "fr" });
    expect(post.headers.getSetCookie().join(";")).toMatch(/fr/);
    const session = await fetch(`${base}/api/auth/session`);
    expect(session.status).toBe(200);
    expect(await session.json()).toEqual({});
  });

  it("HEAD on a GET route answers the GET's status without a body", async () => {
    const r = await fetch(`${base}/v0/__lbheartbeat__`, { method: "HEAD" });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe("");
  });
});
