import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { verificationToken, waitForMail } from "../support/mailbox";
import { confirmEmail, signUp, trySignIn, uniqueEmail } from "../support/web-user";

const base = inject("apiUrl");
const api = new LoopClient(base);

describe("web sign-up and sign-in (next-auth credentials)", () => {
  it("signs up, then signs in with the same password; the e-mail is case-insensitive", async () => {
    const email = uniqueEmail("Mixed");
    const user = await signUp(base, { email, password: "correct horse battery" });
    expect(user.cookie).toMatch(/next-auth\.session-token=/);
    const again = await trySignIn(base, email.toUpperCase(), "correct horse battery");
    expect(again.cookie).toBeTruthy();
  });

  it("a wrong password is refused with CredentialsSignin and no session cookie", async () => {
    const user = await signUp(base);
    const r = await trySignIn(base, user.email, "wrong password!");
    expect(r.cookie).toBeNull();
    expect(r.error).toBe("CredentialsSignin");
    const unknown = await trySignIn(base, uniqueEmail("nobody"), "whatever123");
    expect(unknown.error).toBe("CredentialsSignin");
  });

  it("after 5 wrong passwords the account is throttled, even for the right password", async () => {
    const user = await signUp(base);
    for (let i = 0; i < 5; i++) expect((await trySignIn(base, user.email, `wrong-${i}-password`)).error).toBe("CredentialsSignin");
    const r = await trySignIn(base, user.email, user.password);
    expect(r.cookie).toBeNull();
    expect(r.error).toBe("TooManyAttempts");
  });

  it("sign-up validation: 108 for missing fields, 107 for a short password or bad e-mail, 409 for a taken e-mail", async () => {
    const post = (body: unknown) => api.post("/api/sign-up", body, { auth: "none" });
    expect((await post({})).body).toMatchObject({ errno: 108, error: "Missing: email, password" });
    const short = await post({ email: uniqueEmail(), password: "1234567" });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ errno: 107, error: "password should be at least 8 characters" });
    const bad = await post({ email: "not-an-email", password: "long enough" });
    expect(bad.body).toMatchObject({ errno: 107, error: "email should be a valid e-mail address" });
    const email = uniqueEmail();
    expect((await post({ email, password: "long enough" })).status).toBe(201);
    // Not verified yet: the address is nobody's, a second sign-up mails a claim (202, docs/identities.md) …
    expect((await post({ email, password: "another one" })).body).toEqual({ pending: true, email });
    // … verified, it is taken.
    const [mail] = await waitForMail(inject("mailboxUrl"), email);
    expect(await confirmEmail(base, verificationToken(mail))).toBe("verified");
    const taken = await post({ email: `  ${email.toUpperCase()} `, password: "another one" });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ errno: 107, info: "email" });
  });

  it("the sign-up answer never echoes the password", async () => {
    const r = await api.post("/api/sign-up", { email: uniqueEmail(), password: "sekrit-passphrase", name: "Ann" }, { auth: "none" });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(String), email: expect.stringContaining("@"), name: "Ann" });
    expect(r.text).not.toContain("sekrit");
  });
});

describe("next-auth's endpoints and bad input", () => {
  const envelope = (code: number, no: number) => ({ code, errno: no, error: expect.any(String) });
  const form = { "Content-Type": "application/x-www-form-urlencoded" };

  it("a callbackUrl next-auth cannot read is 400 / 107, not its 'configuration' 500", async () => {
    for (const [method, path] of [
      ["POST", "/api/auth/signin?callbackUrl=%zz"],
      ["POST", "/api/auth/callback/credentials?callbackUrl=javascript:alert(1)"],
      ["POST", "/api/auth/signout?callbackUrl=nowhere"],
      ["GET", "/api/auth/csrf?callbackUrl=%zz"],
      ["GET", "/api/auth/session?callbackUrl=x"],
    ]) {
      const r = await fetch(`${base}${path}`, { method, headers: form, body: method === "POST" ? "a=1" : undefined, redirect: "manual" });
      expect(r.status, `${method} ${path}`).toBe(400);
      expect(await r.json()).toEqual(envelope(400, 107));
    }
    // Its own callback-URL cookie, set to garbage, is judged the same way.
    const cookie = await fetch(`${base}/api/auth/csrf`, { headers: { Cookie: "next-auth.callback-url=%25zz" } });
    expect(cookie.status).toBe(400);
    expect(await cookie.json()).toEqual(envelope(400, 107));
    // A browser's GET of a sign-in page still lands on the sign-in page's error, as before.
    const page = await fetch(`${base}/api/auth/signin?callbackUrl=%zz`, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/sign-in\?error=Configuration/);
    // A path is fine.
    expect((await fetch(`${base}/api/auth/csrf?callbackUrl=/dashboard`)).status).toBe(200);
  });

  it("what next-auth refuses in bare text or not at all comes in the envelope", async () => {
    const get = await fetch(`${base}/api/auth/callback/credentials`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(await get.json()).toEqual(envelope(405, 999));
    const unknown = await fetch(`${base}/api/auth/callback/nothing`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual(envelope(400, 107));
    const badForm = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", headers: form, body: "email=%zz" });
    expect(badForm.status).toBe(400);
    expect(await badForm.json()).toEqual(envelope(400, 107));
    const head = await fetch(`${base}/api/auth/session`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});

describe("the web session on Loop API routes (contract §2.2)", () => {
  it("a cookie authenticates a Loop route; no cookie or a forged one → 401", async () => {
    const user = await signUp(base);
    const ok = await api.get("/session", { auth: { cookie: user.cookie } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ sessions: [] });
    expect((await api.get("/session", { auth: "none" })).status).toBe(401);
    const forged = await api.get("/session", { auth: { cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.x.y.z.w" } });
    expect(forged.status).toBe(401);
  });

  it("a state-changing cookie request from another origin is refused (403 / 110)", async () => {
    const user = await signUp(base);
    const evil = await api.post("/session", {}, { auth: { cookie: user.cookie, origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(evil.body).toMatchObject({ errno: 110 });
    const noOrigin = await api.post("/session", {}, { auth: { cookie: user.cookie } });
    expect(noOrigin.status).toBe(403);
    const crossSite = await api.post("/session", {}, { auth: { cookie: user.cookie }, headers: { "Sec-Fetch-Site": "cross-site", Origin: base } });
    expect(crossSite.status).toBe(403);
    const sameSite = await api.post("/session", {}, { auth: { cookie: user.cookie }, headers: { "Sec-Fetch-Site": "same-origin" } });
    expect(sameSite.status).toBe(201);
    // Nothing was minted by the refused requests.
    const list = await api.get("/session", { auth: { cookie: user.cookie } });
    expect(list.body.sessions).toHaveLength(1);
  });

  it("POST /session mints a Hawk session for the user; Hawk calls then act as that user", async () => {
    const user = await signUp(base);
    const minted = await api.post("/session", { label: "Laptop" }, { auth: { cookie: user.cookie, origin: base } });
    expect(minted.status).toBe(201);
    const token = minted.headers.get("hawk-session-token");
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(minted.body).toEqual({ hawkSessionToken: token, id: expect.stringMatching(/^[0-9a-f]{16}$/), label: "Laptop", createdAt: expect.any(Number) });

    const desktop = new LoopClient(base).useSession(token!);
    expect((await desktop.post("/registration", { simplePushURLs: { rooms: "https://push.example.com/r" } })).status).toBe(200);

    // The owner sees it among the connected clients, without any secret.
    const list = await api.get("/session", { auth: { cookie: user.cookie } });
    expect(list.body.sessions).toEqual([
      { id: minted.body.id, label: "Laptop", createdAt: expect.any(Number), lastUsedAt: expect.any(Number), expiresAt: expect.any(Number) },
    ]);
    expect(list.text).not.toContain(token!);

    // A registered session may end itself (the anonymous one may not: auth-hawk.test.ts).
    expect((await desktop.del("/session")).status).toBe(204);
    expect((await desktop.del("/registration")).status).toBe(401);
    expect((await api.get("/session", { auth: { cookie: user.cookie } })).body.sessions).toEqual([]);
  });

  it("the owner revokes a connected client (DELETE /session/{id}); someone else cannot", async () => {
    const owner = await signUp(base);
    const other = await signUp(base);
    const minted = await api.post("/session", {}, { auth: { cookie: owner.cookie, origin: base } });
    const desktop = new LoopClient(base).useSession(minted.body.hawkSessionToken);
    expect((await desktop.del("/registration")).status).toBe(204);

    const notYours = await api.del(`/session/${minted.body.id}`, undefined, { auth: { cookie: other.cookie, origin: base } });
    expect(notYours.status).toBe(404);
    expect(notYours.body.errno).toBe(105);
    expect((await api.del("/session/nothex", undefined, { auth: { cookie: owner.cookie, origin: base } })).status).toBe(400);

    expect((await api.del(`/session/${minted.body.id}`, undefined, { auth: { cookie: owner.cookie, origin: base } })).status).toBe(204);
    expect((await desktop.del("/registration")).status).toBe(401);
  });

  it("DELETE /account by a web user removes the account: sign-in, the cookie and its Hawk sessions stop working", async () => {
    const user = await signUp(base);
    const minted = await api.post("/session", {}, { auth: { cookie: user.cookie, origin: base } });
    const desktop = new LoopClient(base).useSession(minted.body.hawkSessionToken);

    expect((await api.del("/account", undefined, { auth: { cookie: user.cookie, origin: "https://evil.example" } })).status).toBe(403);
    expect((await api.del("/account", undefined, { auth: { cookie: user.cookie, origin: base } })).status).toBe(204);

    expect((await trySignIn(base, user.email, user.password)).error).toBe("CredentialsSignin");
    expect((await api.get("/session", { auth: { cookie: user.cookie } })).status).toBe(401);
    expect((await desktop.del("/registration")).status).toBe(401);
    // The e-mail is free again.
    await signUp(base, { email: user.email });
  });

  it("next-auth's session endpoint reports the user without any secret", async () => {
    const user = await signUp(base, { name: "Zoë" });
    const res = await fetch(`${base}/api/auth/session`, { headers: { Cookie: user.cookie } });
    const s = await res.json();
    expect(s.user).toMatchObject({ email: user.email, name: "Zoë", id: expect.any(String) });
    expect(JSON.stringify(s)).not.toContain(user.password);
  });
});
