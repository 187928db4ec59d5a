import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// 127.0.0.1 stands for a push server inside our network: allowed by name, like tests and
// on-premises set-ups do. Set before anything reads the configuration.
process.env.PUSH_ALLOWED_HOSTS = "127.0.0.1";
const { resetConfigForTests } = await import("@/lib/config");
resetConfigForTests();
const { db } = await import("@/lib/db");
const { checkPushUrl, checkPushUrlShape, guardedLookup, isInternalAddress } = await import("@/lib/push/url-policy");
const { notifyUser, putVersion } = await import("@/lib/push/notifier");

type Received = { method: string; body: string; contentType: string | undefined; path: string };

/** A real HTTP push endpoint: records what it receives, answers with the status for its path. */
function receiver(statusFor: (path: string) => number = () => 200, delayMs = 0) {
  const received: Received[] = [];
  let connections = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push({ method: req.method!, body, contentType: req.headers["content-type"], path: req.url! });
      setTimeout(() => {
        inFlight--;
        res.writeHead(statusFor(req.url!)).end();
      }, delayMs);
    });
  });
  server.on("connection", () => connections++);
  return {
    received,
    stats: () => ({ connections, maxInFlight }),
    start: () => new Promise<string>((r) => server.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let seq = 0;
async function addUrl(userMac: string, topic: "calls" | "rooms", url: string) {
  return db().pushUrl.create({ data: { userMac, sessionHmac: `s-${++seq}`, topic, url, createdAt: 0 } });
}

describe("push URL policy", () => {
  it("classifies internal addresses, including IPv4-mapped IPv6", () => {
    for (const a of ["10.0.0.1", "127.0.0.1", "169.254.169.254", "172.31.255.255", "192.168.0.1", "100.64.1.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd12::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1"]) {
      expect(isInternalAddress(a), a).toBe(true);
    }
    for (const a of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"]) {
      expect(isInternalAddress(a), a).toBe(false);
    }
  });

  it("needs https, except to an allow-listed host; no credentials in the URL", () => {
    expect(checkPushUrlShape("https://push.example.com/x").ok).toBe(true);
    expect(checkPushUrlShape("http://push.example.com/x")).toEqual({ ok: false, reason: "should be an https url" });
    expect(checkPushUrlShape("http://127.0.0.1:8080/x").ok).toBe(true);
    expect(checkPushUrlShape("wss://push.example.com/x").ok).toBe(false);
    expect(checkPushUrlShape("https://a:b@push.example.com/x").ok).toBe(false);
    expect(checkPushUrlShape("https://localhost./x").ok).toBe(false);
    expect(checkPushUrlShape("https://[::1]/x").ok).toBe(false);
  });

  it("refuses a name that resolves to an internal address; accepts public ones and names that do not resolve now", async () => {
    const resolvesTo = (address: string) => async () => [{ address, family: address.includes(":") ? 6 : 4 }];
    expect(await checkPushUrl("https://inside.example.com/x", resolvesTo("10.2.3.4"))).toEqual({
      ok: false,
      reason: "should not point to a private address",
    });
    expect(await checkPushUrl("https://inside.example.com/x", resolvesTo("fe80::2"))).toMatchObject({ ok: false });
    expect(await checkPushUrl("https://push.example.com/x", resolvesTo("93.184.216.34"))).toMatchObject({ ok: true });
    const fails = async () => {
      throw Object.assign(new Error("down"), { code: "EAI_AGAIN" });
    };
    expect(await checkPushUrl("https://push.example.com/x", fails)).toMatchObject({ ok: true });
    // The real resolver: localhost is loopback.
    expect(await checkPushUrl("https://localhost/x")).toMatchObject({ ok: false });
  });

  it("the connection-time lookup refuses internal addresses unless the host is listed", async () => {
    const viaLookup = (host: string) =>
      new Promise<string>((resolve) => guardedLookup(host, {}, (err, address) => resolve(err ? `error:${err.code}` : String(address))));
    expect(await viaLookup("localhost")).toBe("error:EPUSHREFUSED");
    process.env.PUSH_ALLOWED_HOSTS = "127.0.0.1,localhost";
    resetConfigForTests();
    try {
      expect(await viaLookup("localhost")).toBe("127.0.0.1");
    } finally {
      process.env.PUSH_ALLOWED_HOSTS = "127.0.0.1";
      resetConfigForTests();
    }
  });
});

describe("push notifier", () => {
  const rx = receiver((path) => (path.startsWith("/gone") ? 410 : path.startsWith("/missing") ? 404 : path.startsWith("/broken") ? 500 : 200));
  let base = "";
  beforeAll(async () => {
    base = await rx.start();
  });
  afterAll(() => rx.stop());
  beforeEach(async () => {
    rx.received.length = 0;
    await db().pushUrl.deleteMany({});
  });

  it("PUTs version=<n> to every URL of the user's topic, and only that topic", async () => {
    await addUrl("mac-a", "rooms", `${base}/a1`);
    await addUrl("mac-a", "rooms", `${base}/a2`);
    await addUrl("mac-a", "calls", `${base}/a-calls`);
    await addUrl("mac-b", "rooms", `${base}/b1`);
    await notifyUser("mac-a", "rooms", 1234567);
    expect(rx.received.map((r) => r.path).sort()).toEqual(["/a1", "/a2"]);
    for (const r of rx.received) {
      expect(r).toMatchObject({ method: "PUT", body: "version=1234567", contentType: "application/x-www-form-urlencoded" });
    }
  });

  it("removes endpoints that answer 404 or 410, keeps those that fail otherwise, never throws", async () => {
    await addUrl("mac-c", "calls", `${base}/gone`);
    await addUrl("mac-c", "calls", `${base}/missing`);
    await addUrl("mac-c", "calls", `${base}/broken`);
    await addUrl("mac-c", "calls", "https://127.0.0.1:1/unreachable");
    await addUrl("mac-c", "calls", `${base}/fine`);
    await expect(notifyUser("mac-c", "calls", 7)).resolves.toBeUndefined();
    const left = await db().pushUrl.findMany({ where: { userMac: "mac-c" }, select: { url: true } });
    expect(left.map((r) => new URL(r.url).pathname).sort()).toEqual(["/broken", "/fine", "/unreachable"]);
  });

  it("sends at most `concurrency` (8) requests at once", async () => {
    const slow = receiver(() => 200, 50);
    const slowBase = await slow.start();
    try {
      for (let i = 0; i < 20; i++) await addUrl("mac-d", "rooms", `${slowBase}/d${i}`);
      await notifyUser("mac-d", "rooms", 1);
      expect(slow.received).toHaveLength(20);
      expect(slow.stats().maxInFlight).toBeLessThanOrEqual(8);
      expect(slow.stats().maxInFlight).toBeGreaterThan(1);
    } finally {
      await slow.stop();
    }
  });

  it("sends nothing to a URL the policy refuses, even if it is already stored", async () => {
    const port = new URL(base).port;
    const before = rx.stats().connections;
    // http to a host that is not listed, and https to a loopback name that is not listed.
    await addUrl("mac-e", "calls", `http://localhost:${port}/sneaky`);
    await addUrl("mac-e", "calls", `https://localhost:${port}/sneaky`);
    await notifyUser("mac-e", "calls", 1);
    expect(rx.stats().connections).toBe(before);
    expect(rx.received).toHaveLength(0);
  });

  it("gives up on an endpoint that does not answer within the timeout", async () => {
    const hang = createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, "127.0.0.1", () => r()));
    try {
      const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/hang`;
      const started = Date.now();
      await expect(putVersion(url, 1, 200)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      hang.closeAllConnections();
      await new Promise((r) => hang.close(r));
    }
  });
});
