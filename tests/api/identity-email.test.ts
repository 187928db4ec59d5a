import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { verificationToken, waitForMail } from "../support/mailbox";
import { confirmEmail, signIn, signUp, trySignIn, uniqueEmail } from "../support/web-user";

// Contract §9: an e-mail becomes an identity only once the mailed link is used. Mail goes
// through a real SMTP receiver started by the run (tests/support/api-global.ts).
const base = inject("apiUrl");
const mailbox = inject("mailboxUrl");
const anon = new LoopClient(base);
const web = (cookie: string) => ({ auth: { cookie, origin: base } });

async function call(fromCookie: string, calleeId: unknown) {
  return anon.post("/calls", { calleeId, callType: "audio-video" }, web(fromCookie));
}

async function incoming(cookie: string) {
  return (await anon.get("/calls?version=0", { auth: { cookie } })).body.calls as { callId: string; callerId: string }[];
}

describe("e-mail verification", () => {
  it("sign-up mails a link (text and HTML, no tracking); only the page's form POST verifies; until then the address is nobody's", async () => {
    const caller = await signUp(base);
    const ann = await signUp(base, { verify: false, name: "Ann" });

    const [mail] = await waitForMail(mailbox, ann.email);
    expect(mail.subject).toContain("Loop");
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(mail.decoded).not.toMatch(/<img/i);
    const token = verificationToken(mail);
    expect(mail.decoded).toContain(`${base}/verify-email/${token}`);

    // Unverified: not reachable at the address (400 / 122) …
    expect((await call(caller.cookie, ann.email)).body).toMatchObject({ code: 400, errno: 122 });
    // … and never shown as callerId: Ann may call, Caller sees no address.
    const r = await call(ann.cookie, caller.email);
    expect(r.status).toBe(200);
    const seen = (await incoming(caller.cookie)).find((c) => c.callId === r.body.callId)!;
    expect(seen.callerId).toBe("");
    expect(JSON.stringify(seen)).not.toContain(ann.email);
    // Only the display name travels, as the peer name the caller's media token carries.
    const claims = (tok: string) => JSON.parse(Buffer.from(tok.split(".")[1], "base64url").toString());
    expect(JSON.parse(claims(r.body.sessionToken).data ?? "{}")).toMatchObject({ name: "Ann" });

    // Opening the link (what a mail scanner does) shows a page and verifies nothing.
    const page = await fetch(`${base}/verify-email/${token}`, { headers: { Accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('action="/api/email-verification/confirm"');
    expect(html).toContain('method="post"');
    expect((await call(caller.cookie, ann.email)).body).toMatchObject({ errno: 122 });
    expect((await anon.get("/api/email-verification", { auth: { cookie: ann.cookie } })).body).toEqual({ email: ann.email, verified: false, pending: null, hasPassword: true });

    // The button: a plain form POST.
    expect(await confirmEmail(base, token)).toBe("verified");
    expect((await anon.get("/api/email-verification", { auth: { cookie: ann.cookie } })).body).toEqual({ email: ann.email, verified: true, pending: null, hasPassword: true });
    const c = await call(caller.cookie, ann.email.toUpperCase());
    expect(c.status).toBe(200);
    expect((await incoming(ann.cookie)).map((x) => x.callId)).toContain(c.body.callId);
    const r2 = await call(ann.cookie, caller.email);
    expect((await incoming(caller.cookie)).find((x) => x.callId === r2.body.callId)!.callerId).toBe(ann.email);
    expect(JSON.parse(claims(r2.body.sessionToken).data)).toMatchObject({ name: ann.email });

    // Single use; a made-up token does nothing.
    expect(await confirmEmail(base, token)).toBe("invalid");
    expect(await confirmEmail(base, "x".repeat(43))).toBe("invalid");
    expect(await confirmEmail(base, "")).toBe("invalid");
  });

  it("a GET to the confirm endpoint never verifies", async () => {
    const ann = await signUp(base, { verify: false });
    const [mail] = await waitForMail(mailbox, ann.email);
    const token = verificationToken(mail);
    const res = await fetch(`${base}/api/email-verification/confirm?token=${token}`, { redirect: "manual" });
    expect(res.status).toBe(405);
    expect((await anon.get("/api/email-verification", { auth: { cookie: ann.cookie } })).body.verified).toBe(false);
    expect(await confirmEmail(base, token)).toBe("verified");
  });

  it("resend from the account: a new link that works; throttled to 3 mails per address per 10 minutes (429 / 116)", async () => {
    const ann = await signUp(base, { verify: false });
    await waitForMail(mailbox, ann.email, 1);
    const again = await anon.post("/api/email-verification", undefined, web(ann.cookie));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ email: ann.email, verified: false, sent: true });
    const mails = await waitForMail(mailbox, ann.email, 2);
    expect((await anon.post("/api/email-verification", undefined, web(ann.cookie))).status).toBe(200);
    const limited = await anon.post("/api/email-verification", undefined, web(ann.cookie));
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 429, errno: 116 });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // The second link works.
    expect(await confirmEmail(base, verificationToken(mails[1]))).toBe("verified");
    // Verified: nothing more is sent.
    expect((await anon.post("/api/email-verification", undefined, web(ann.cookie))).body).toMatchObject({ verified: true, sent: false });
    // Without a session: 401 in the envelope.
    expect((await anon.post("/api/email-verification", undefined, { auth: "none", headers: { Origin: base } })).body).toMatchObject({ code: 401 });
  });
});

describe("takeover of an address nobody verified", () => {
  it("a squatter who signed up first with the CEO's address is never rung, never shown, and loses the address to its owner", async () => {
    const ceoEmail = uniqueEmail("ceo");
    const staff = await signUp(base);
    // The squatter signs up first and can sign in, but never sees the CEO's mail.
    const squatter = await signUp(base, { email: ceoEmail, verify: false, password: "squatter-password" });
    const hawk = await anon.post("/session", {}, web(squatter.cookie));
    expect(hawk.status).toBe(201);
    const squatterHawk = new LoopClient(base).useSession(hawk.headers.get("hawk-session-token")!);

    // Staff calling the CEO's address does not ring the squatter.
    expect((await call(staff.cookie, ceoEmail)).body).toMatchObject({ code: 400, errno: 122 });
    // The squatter calling staff is not shown as the CEO.
    const fake = await call(squatter.cookie, staff.email);
    expect(fake.status).toBe(200);
    expect((await incoming(staff.cookie)).find((c) => c.callId === fake.body.callId)!.callerId).toBe("");

    // The real CEO signs up: not refused; a claim link goes to the address instead.
    const res = await fetch(`${base}/api/sign-up`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", Origin: base },
      body: JSON.stringify({ email: ceoEmail, password: "ceo-real-password", name: "The CEO" }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ pending: true, email: ceoEmail });
    // Until the link is used, the squatter's account stands and the CEO's password does not work.
    expect((await trySignIn(base, ceoEmail, "ceo-real-password")).cookie).toBeNull();

    const mails = await waitForMail(mailbox, ceoEmail, 2);
    expect(mails[1].decoded).toContain("finish creating the account");
    expect(await confirmEmail(base, verificationToken(mails[1]))).toBe("created");

    // The squatter is out: password, web session and Hawk session no longer work.
    expect((await trySignIn(base, ceoEmail, "squatter-password")).cookie).toBeNull();
    expect((await anon.get("/rooms", { auth: { cookie: squatter.cookie } })).status).toBe(401);
    expect((await squatterHawk.get("/calls?version=0")).status).toBe(401);
    // The squatter's own verification link (mail 1) is spent.
    expect(await confirmEmail(base, verificationToken(mails[0]))).toBe("invalid");

    // The CEO signs in, is verified, is rung at the address and shown by it.
    const ceoCookie = await signIn(base, ceoEmail, "ceo-real-password");
    const c = await call(staff.cookie, ceoEmail);
    expect(c.status).toBe(200);
    expect((await incoming(ceoCookie)).map((x) => x.callId)).toEqual([c.body.callId]);
    const out = await call(ceoCookie, staff.email);
    expect((await incoming(staff.cookie)).find((x) => x.callId === out.body.callId)!.callerId).toBe(ceoEmail);

    // Now the address is verified: a later sign-up is refused (409) and sends nothing.
    const again = await fetch(`${base}/api/sign-up`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", Origin: base },
      body: JSON.stringify({ email: ceoEmail, password: "another-password" }),
    });
    expect(again.status).toBe(409);
  });
});
