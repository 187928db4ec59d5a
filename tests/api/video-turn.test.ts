import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../support/server";
import { createRoom, device, guestJoin, openSse } from "./rooms-support";

/**
 * TURN credentials of each participant's own, delivered on its signaling stream (contract §5),
 * merged after ICE_SERVERS; and the X-Loop-Instance header naming the instance that answered.
 */
const SECRET = "turn-secret-for-the-api-test-0123";
let server: RunningServer;

beforeAll(async () => {
  server = await startServer(
    {
      ICE_SERVERS: JSON.stringify([{ urls: "stun:stun.example.net:3478" }]),
      TURN_URLS: "turn:turn.example.net:3478?transport=udp,turns:turn.example.net:5349",
      TURN_SECRET: SECRET,
      LOOP_INSTANCE: "app-a",
    },
    "video-turn",
  );
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const tokenExp = (sessionToken: string) => JSON.parse(Buffer.from(sessionToken.split(".")[1], "base64url").toString()).exp as number;

describe("TURN credentials on the signaling stream", () => {
  it("each participant's welcome carries ICE_SERVERS then TURN credentials of its own, valid while its token is", async () => {
    const owner = await device(server.url);
    const token = await createRoom(owner);
    const a = (await owner.post(`/rooms/${token}`, { action: "join", displayName: "Alice", clientMaxSize: 5 })).body;
    const b = (await guestJoin(server.url, token, "Bob")).body;

    const welcome = async (sessionToken: string) => {
      const s = await openSse(`${server.url}/video/signal?token=${encodeURIComponent(sessionToken)}`);
      expect(s.status).toBe(200);
      await s.until((es) => es.some((e) => e.event === "welcome"));
      s.close();
      return s.of("welcome")[0].data;
    };
    const wa = await welcome(a.sessionToken);
    const wb = await welcome(b.sessionToken);

    for (const [w, who] of [
      [wa, a],
      [wb, b],
    ] as const) {
      expect(w.iceServers).toHaveLength(2);
      expect(w.iceServers[0]).toEqual({ urls: "stun:stun.example.net:3478" });
      const turn = w.iceServers[1];
      expect(turn.urls).toEqual(["turn:turn.example.net:3478?transport=udp", "turns:turn.example.net:5349"]);
      const exp = tokenExp(who.sessionToken);
      expect(exp).toBeGreaterThan(Date.now() / 1000);
      expect(turn.username).toBe(`${exp}:${who.roomConnectionId}`);
      expect(turn.credential).toBe(createHmac("sha1", SECRET).update(turn.username).digest("base64"));
    }
    expect(wa.iceServers[1].credential).not.toBe(wb.iceServers[1].credential);
  });

  it("names the instance in X-Loop-Instance", async () => {
    const r = await fetch(`${server.url}/`, { headers: { Accept: "application/json" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("x-loop-instance")).toBe("app-a");
    const e = await fetch(`${server.url}/rooms/nope-not-a-room`);
    expect(e.headers.get("x-loop-instance")).toBe("app-a");
  });
});
