import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { startServer, type RunningServer } from "../support/server";
import { waitFor } from "../support/wait";
import { signIn, signUp } from "../support/web-user";
import { createRoom, device, guestJoin, hawkHeader, openSse } from "./rooms-support";

/**
 * A stream lives only as long as what authorised it (contract §6): revoking a session,
 * signing out, "sign out everywhere" or deleting the account closes the streams it opened,
 * and a signed-out session cookie no longer works. The server re-checks every second here
 * (STREAM_RECHECK_SEC=1); the default is 15 s, within the contract's 30 s.
 */
let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await startServer({ STREAM_RECHECK_SEC: "1" }, "revocation");
  base = server.url;
});
afterAll(async () => {
  await server?.stop();
});

const web = (cookie: string) => ({ auth: { cookie, origin: base } });

async function signOut(cookie: string) {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { Cookie: cookie } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = [cookie, ...csrf.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
  const res = await fetch(`${base}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar, Origin: base },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${base}/sign-in`, json: "true" }).toString(),
  });
  expect(res.status).toBeLessThan(400);
}

/** next-auth's own `GET /api/auth/session` for a cookie: its body, and whether it cleared the cookie. */
async function nextAuthSession(cookie: string) {
  const res = await fetch(`${base}/api/auth/session`, { headers: { Cookie: cookie } });
  const cleared = res.headers.getSetCookie().some((c) => /next-auth\.session-token=;/.test(c) && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c));
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, cleared };
}

describe("revocation", { timeout: 90_000 }, () => {
  it("revoking a connected client's session closes its open /events stream", async () => {
    const user = await signUp(base);
    const c = new LoopClient(base);
    const minted = await c.post("/session", { label: "laptop" }, web(user.cookie));
    const client = new LoopClient(base).useSession(minted.body.hawkSessionToken);
    const url = `${base}/events`;
    const sse = await openSse(url, hawkHeader(client, url));
    expect(sse.status).toBe(200);
    // A sibling stream opened after it, whose session is revoked first: once the sibling has
    // been closed by a re-check, this stream (same interval, timer started earlier) has been
    // re-checked too, and being still authorised it stayed open. No fixed sleep.
    const sibling = await c.post("/session", { label: "phone" }, web(user.cookie));
    const siblingClient = new LoopClient(base).useSession(sibling.body.hawkSessionToken);
    const siblingSse = await openSse(url, hawkHeader(siblingClient, url));
    expect(siblingSse.status).toBe(200);
    expect((await c.del(`/session/${sibling.body.id}`, undefined, web(user.cookie))).status).toBe(204);
    await waitFor(() => siblingSse.ended, { timeoutMs: 10_000, what: "the revoked sibling stream to close" });
    expect(siblingSse.of("revoked")).toHaveLength(1);
    expect(sse.ended).toBe(false); // still authorised: stays open across re-checks
    expect(sse.of("revoked")).toHaveLength(0);
    expect((await c.del(`/session/${minted.body.id}`, undefined, web(user.cookie))).status).toBe(204);
    await expect.poll(() => sse.ended, { timeout: 10_000 }).toBe(true);
    expect(sse.of("revoked")).toHaveLength(1);
    const again = await openSse(url, hawkHeader(client, url));
    expect(again.status).toBe(401);
  });

  it("deleting the account closes its web /events stream", async () => {
    const user = await signUp(base);
    const sse = await openSse(`${base}/events`, { Cookie: user.cookie });
    expect(sse.status).toBe(200);
    expect((await new LoopClient(base).del("/account", undefined, web(user.cookie))).status).toBe(204);
    await expect.poll(() => sse.ended, { timeout: 10_000 }).toBe(true);
    expect((await nextAuthSession(user.cookie)).body).toEqual({});
  });

  it("signing out ends the session on the server: the old cookie no longer works, its stream closes", async () => {
    const user = await signUp(base);
    const other = await signIn(base, user.email, user.password);
    const sse = await openSse(`${base}/events`, { Cookie: user.cookie });
    expect(sse.status).toBe(200);
    expect((await nextAuthSession(user.cookie)).body).toMatchObject({ user: { email: user.email } });
    await signOut(user.cookie);
    await expect.poll(() => sse.ended, { timeout: 10_000 }).toBe(true);
    const c = new LoopClient(base);
    expect((await c.get("/rooms", web(user.cookie))).status).toBe(401);
    // next-auth's own endpoint no longer answers for the replayed cookie, and tells the browser to drop it.
    const replayed = await nextAuthSession(user.cookie);
    expect(replayed.body).toEqual({});
    expect(replayed.cleared).toBe(true);
    expect((await nextAuthSession(other)).body).toMatchObject({ user: { email: user.email } });
    // Another browser's session of the same account is not affected.
    expect((await c.get("/rooms", web(other))).status).toBe(200);
  });

  it("sign out everywhere: every web session and connected client of the account stops", async () => {
    const user = await signUp(base);
    const second = await signIn(base, user.email, user.password);
    const c = new LoopClient(base);
    const minted = await c.post("/session", { label: "desktop" }, web(user.cookie));
    const client = new LoopClient(base).useSession(minted.body.hawkSessionToken);
    const url = `${base}/events`;
    const streams = [await openSse(url, { Cookie: second }), await openSse(url, hawkHeader(client, url))];
    expect(streams.map((s) => s.status)).toEqual([200, 200]);

    const r = await c.post("/api/sign-out-everywhere", undefined, web(user.cookie));
    expect(r.status).toBe(204);
    for (const s of streams) await expect.poll(() => s.ended, { timeout: 10_000 }).toBe(true);
    expect((await c.get("/rooms", web(user.cookie))).status).toBe(401);
    expect((await c.get("/rooms", web(second))).status).toBe(401);
    expect((await client.get("/rooms")).status).toBe(401);
    for (const cookie of [user.cookie, second]) expect((await nextAuthSession(cookie)).body).toEqual({});
    // Signing in again works.
    const fresh = await signIn(base, user.email, user.password);
    expect((await c.get("/rooms", web(fresh))).status).toBe(200);
    expect((await nextAuthSession(fresh)).body).toMatchObject({ user: { email: user.email } });
    // From another origin the request is refused (a cookie-authenticated state change).
    expect((await c.post("/api/sign-out-everywhere", undefined, { auth: { cookie: fresh, origin: "https://evil.example" } })).status).toBe(403);
    expect((await c.get("/rooms", web(fresh))).status).toBe(200);
  });

  it("a guest's signaling stream closes when its participation ends", async () => {
    const owner = await device(base);
    const token = await createRoom(owner);
    const guest = await guestJoin(base, token, "Leaving");
    const sse = await openSse(`${base}/video/signal?token=${encodeURIComponent(guest.body.sessionToken)}`);
    expect(sse.status).toBe(200);
    expect((await owner.del(`/rooms/${token}`)).status).toBe(204);
    await expect.poll(() => sse.ended, { timeout: 10_000 }).toBe(true);
  });
});
