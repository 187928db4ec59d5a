import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { signUp } from "../support/web-user";
import { openSse } from "./rooms-support";

// POST /calls with several callees (issue 5: "each reachable callee is woken on all devices").
const base = inject("apiUrl");
const anon = new LoopClient(base);

describe("direct call to several people", () => {
  it("rings every reachable callee (live event and incoming list), skips the unreachable and the caller", async () => {
    const [caller, ann, ben] = await Promise.all([signUp(base), signUp(base), signUp(base)]);
    const annEvents = await openSse(`${base}/events`, { Cookie: ann.cookie });
    const benEvents = await openSse(`${base}/events`, { Cookie: ben.cookie });

    const r = await anon.post(
      "/calls",
      { calleeId: [ann.email, "nobody-here@example.com", ben.email, caller.email], callType: "audio-video" },
      { auth: { cookie: caller.cookie, origin: base } },
    );
    expect(r.status).toBe(200);
    const { callId } = r.body;

    const rang = (es: { event: string; data: any }[]) => es.some((e) => e.event === "call" && e.data.callId === callId && e.data.state === "init");
    await annEvents.until(rang);
    await benEvents.until(rang);

    for (const who of [ann, ben]) {
      const { calls } = (await anon.get("/calls?version=0", { auth: { cookie: who.cookie } })).body;
      expect(calls.map((c: { callId: string }) => c.callId)).toEqual([callId]);
      // Each callee may read the call as its callee side.
      const status = await anon.get(`/calls/id/${callId}`, { auth: { cookie: who.cookie } });
      expect(status.status).toBe(200);
    }
    // The caller named themself too, but is not rung.
    expect((await anon.get("/calls?version=0", { auth: { cookie: caller.cookie } })).body.calls).toEqual([]);

    // The caller cancels: both callees' dashboards hear it.
    expect((await anon.del(`/calls/id/${callId}`, undefined, { auth: { cookie: caller.cookie, origin: base } })).status).toBe(204);
    const ended = (es: { event: string; data: any }[]) => es.some((e) => e.data.callId === callId && e.data.state === "terminated");
    await annEvents.until(ended);
    await benEvents.until(ended);
    annEvents.close();
    benEvents.close();
  });
});
