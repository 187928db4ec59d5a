import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { hasRedisServer, startRedisPair } from "../support/redis-available";
import type { RunningServer } from "../support/server";
import { waitForSmsCode } from "../support/sms-standin";
import { signUp } from "../support/web-user";
import { openSse } from "./rooms-support";

/**
 * Two instances sharing one database and a Redis (REDIS_URL): the send limits of contract §9
 * are shared (a burst spread over instances is still refused), and a number verified through
 * one instance is called through the other, reachable by an event stream open on the first.
 */
const sms = inject("smsUrl");
let pair: Awaited<ReturnType<typeof startRedisPair>> | undefined;
let one: RunningServer;
let two: RunningServer;

beforeAll(async () => {
  if (!hasRedisServer) return;
  pair = await startRedisPair("identity-redis");
  ({ one: one, two: two } = pair);
}, 180_000);

afterAll(async () => {
  await pair?.stop();
});

const number = () => `+1650253${String(randomInt(0, 10_000)).padStart(4, "0")}`;

describe.skipIf(!hasRedisServer)("identities across instances over Redis", () => {
  it("3 codes per number per 10 minutes, counted across instances", async () => {
    const n = number();
    const a = new LoopClient(one.url);
    await a.register();
    const b = new LoopClient(two.url).useSession(a.sessionToken!);
    expect((await a.post("/msisdn/register", { msisdn: n })).status).toBe(204);
    expect((await b.post("/msisdn/register", { msisdn: n })).status).toBe(204);
    expect((await a.post("/msisdn/register", { msisdn: n })).status).toBe(204);
    const r = await b.post("/msisdn/register", { msisdn: n });
    expect(r.status).toBe(429);
    expect(r.body).toMatchObject({ errno: 116 });
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("a number verified through one instance is called through the other, while its stream is open on the first", async () => {
    const n = number();
    const phone = new LoopClient(one.url);
    await phone.register();
    await phone.post("/msisdn/register", { msisdn: n });
    const code = await waitForSmsCode(sms, n);
    expect((await new LoopClient(two.url).useSession(phone.sessionToken!).post("/msisdn/verify", { msisdn: n, code })).status).toBe(200);
    const caller = await signUp(two.url);
    const call = () => new LoopClient(two.url).post("/calls", { calleeId: n, callType: "audio" }, { auth: { cookie: caller.cookie, origin: two.url } });
    // No push URL, no stream anywhere: not reachable.
    expect((await call()).body).toMatchObject({ code: 400, errno: 122 });

    // Its event stream is open on instance one: instance two sees it (Redis) and rings it there.
    const Hawk = (await import("@hapi/hawk")).default;
    const auth = Hawk.client.header(`${one.url}/events`, "GET", { credentials: phone.credentials! }).header;
    const events = await openSse(`${one.url}/events`, { Authorization: auth });
    const r = await call();
    expect(r.status).toBe(200);
    await events.until((es) => es.some((e) => e.event === "call" && e.data.callId === r.body.callId));
    const { calls } = (await phone.get("/calls?version=0")).body;
    expect(calls.map((c: { callId: string; callerId: string }) => [c.callId, c.callerId])).toEqual([[r.body.callId, caller.email]]);
    events.close();
    await expect.poll(async () => (await call()).body.errno, { timeout: 15_000 }).toBe(122);
  });
});
