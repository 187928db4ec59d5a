import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { signUp } from "../support/web-user";
import { openSse } from "./rooms-support";

/**
 * A signed-in web user uses the same rooms API with its session cookie (contract §2.2):
 * creates, lists, joins as the owner (moderator) and follows its rooms on /events. A
 * cookie-authenticated change from another origin is refused.
 */
const base = inject("apiUrl");
const c = new LoopClient(base);

describe("rooms with a web session", () => {
  it("create, list, join as owner, live events", async () => {
    const user = await signUp(base);
    const as = { auth: { cookie: user.cookie, origin: base } };
    const sse = await openSse(`${base}/events`, { Cookie: user.cookie });
    expect(sse.status).toBe(200);

    const created = await c.post("/rooms", { roomOwner: user.name, roomName: "Web room", maxSize: 3 }, as);
    expect(created.status).toBe(201);
    const token = created.body.roomToken;
    const list = await c.get("/rooms", as);
    expect(list.body.map((r: { roomToken: string }) => r.roomToken)).toEqual([token]);

    const joined = await c.post(`/rooms/${token}`, { action: "join", displayName: user.name, clientMaxSize: 3 }, as);
    expect(joined.status).toBe(200);
    const claims = JSON.parse(Buffer.from(joined.body.sessionToken.split(".")[1], "base64url").toString());
    expect(claims.role).toBe("moderator");
    const info = await c.get(`/rooms/${token}`, as);
    // A signed-in participant's account is shown to the room (stored encrypted).
    expect(info.body.participants).toEqual([
      { roomConnectionId: joined.body.roomConnectionId, displayName: user.name, account: user.email, owner: true },
    ]);

    await sse.until((es) => es.filter((e) => e.data.roomToken === token).length >= 2);
    expect(sse.events.filter((e) => e.data.roomToken === token).map((e) => e.data.reason)).toEqual(["creation", "join"]);
    sse.close();
  });

  it("a cookie-authenticated change from another origin → 403", async () => {
    const user = await signUp(base);
    const r = await c.post("/rooms", { roomOwner: "x", roomName: "x", maxSize: 2 }, { auth: { cookie: user.cookie, origin: "https://evil.example" } });
    expect(r.status).toBe(403);
    expect((await c.get("/rooms", { auth: { cookie: user.cookie } })).body).toEqual([]);
  });
});
