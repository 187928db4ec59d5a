import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { signUp } from "../support/web-user";
import { waitFor } from "../support/wait";

const base = inject("apiUrl");

// A SimplePush endpoint of our own on 127.0.0.1 (listed in the test server's PUSH_ALLOWED_HOSTS).
const received: { method: string; path: string; body: string; contentType?: string }[] = [];
const push = createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    received.push({ method: req.method!, path: req.url!, body, contentType: req.headers["content-type"] });
    res.writeHead(req.url!.startsWith("/gone") ? 410 : 200).end();
  });
});
let pushBase = "";
beforeAll(async () => {
  await new Promise<void>((r) => push.listen(0, "127.0.0.1", () => r()));
  pushBase = `http://127.0.0.1:${(push.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => push.close(r)));

const until = (pred: () => boolean) => waitFor(pred, { timeoutMs: 10_000, what: "the push" });

describe("SimplePush wake-ups reach registered URLs (ref §2.2, contract §6)", () => {
  it("a room change PUTs version=<n> to the owner's rooms URL, not to its calls URL", async () => {
    const owner = new LoopClient(base);
    await owner.register({ simplePushURLs: { rooms: `${pushBase}/rooms-device-1`, calls: `${pushBase}/calls-device-1` } });
    const created = await owner.post("/rooms", { roomOwner: "Pat", roomName: "Push test", maxSize: 3 });
    expect(created.status).toBe(201);
    await until(() => received.some((r) => r.path === "/rooms-device-1"));
    const got = received.find((r) => r.path === "/rooms-device-1")!;
    expect(got).toMatchObject({ method: "PUT", contentType: "application/x-www-form-urlencoded" });
    expect(got.body).toMatch(/^version=\d+$/);
    expect(received.some((r) => r.path === "/calls-device-1")).toBe(false);
  });

  it("an endpoint that answers 410 is dropped; the user's other devices keep getting wake-ups", async () => {
    const user = await signUp(base);
    const web = { auth: { cookie: user.cookie, origin: base } };
    const device = async (path: string) => {
      const minted = await new LoopClient(base).post("/session", { label: path }, web);
      const c = new LoopClient(base).useSession(minted.body.hawkSessionToken);
      expect((await c.post("/registration", { simplePushURLs: { rooms: `${pushBase}${path}` } })).status).toBe(200);
    };
    await device("/gone-device");
    await device("/live-device");
    const count = (path: string) => received.filter((r) => r.path === path).length;

    for (let i = 1; i <= 3; i++) {
      expect((await new LoopClient(base).post("/rooms", { roomOwner: "Pat", roomName: `Room ${i}`, maxSize: 3 }, web)).status).toBe(201);
      await until(() => count("/live-device") >= i);
    }
    // The first wake-up reached the gone endpoint; once its 410 was seen it got no more
    // (at most one more could race with the removal).
    expect(count("/gone-device")).toBeGreaterThanOrEqual(1);
    expect(count("/gone-device")).toBeLessThanOrEqual(2);
    expect(count("/live-device")).toBe(3);
  });
});
