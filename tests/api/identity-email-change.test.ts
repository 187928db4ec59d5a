import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { verificationToken, waitForMail } from "../support/mailbox";
import { confirmEmail, signIn, signUp, trySignIn, uniqueEmail } from "../support/web-user";

// Contract §9 "verifying again after a change of address follows the same rule": the account
// page's change mails a single-use link to the new address; until it is used the old address
// stays the account's sign-in and identity; then the new one replaces it at once. Mail goes
// through the run's real SMTP receiver (tests/support/mailbox.ts).
const base = inject("apiUrl");
const mailbox = inject("mailboxUrl");
const anon = new LoopClient(base);
const web = (cookie: string) => ({ auth: { cookie, origin: base } });

const call = (fromCookie: string, calleeId: unknown) => anon.post("/calls", { calleeId, callType: "audio-video" }, web(fromCookie));
const incoming = async (cookie: string) =>
  (await anon.get("/calls?version=0", { auth: { cookie } })).body.calls as { callId: string; callerId: string }[];
const change = (cookie: string, body: unknown) => anon.post("/api/email-change", body, web(cookie));
const state = async (cookie: string) => (await anon.get("/api/email-verification", { auth: { cookie } })).body;

describe("change of e-mail address", () => {
  it("the old address stays until the new one's link is used; then the new one replaces it for sign-in, calls and callerId", async () => {
    const staff = await signUp(base);
    const ann = await signUp(base, { name: "Ann" });
    const old = ann.email;
    const next = uniqueEmail("ann-new");

    // Bad input, each in the envelope and in words.
    expect((await change(ann.cookie, { email: next })).body).toMatchObject({ code: 400, errno: 108 });
    expect((await change(ann.cookie, { email: "not-an-address", password: ann.password })).body).toMatchObject({ code: 400, errno: 107 });
    const wrong = await change(ann.cookie, { email: next, password: "not-my-password" });
    expect(wrong.body).toMatchObject({ code: 400, errno: 107, info: "password", error: "The password is not right." });
    expect((await change(ann.cookie, { email: old.toUpperCase(), password: ann.password })).body).toMatchObject({ code: 400, errno: 107, info: "same" });
    expect((await anon.post("/api/email-change", { email: next, password: ann.password }, { auth: "none", headers: { Origin: base } })).body).toMatchObject({ code: 401 });
    expect(await waitForMail(mailbox, next, 0)).toEqual([]);

    const asked = await change(ann.cookie, { email: next, password: ann.password });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ email: old, verified: true, pending: next, hasPassword: true, sent: true });
    expect(await state(ann.cookie)).toEqual({ email: old, verified: true, pending: next, hasPassword: true });
    const [mail] = await waitForMail(mailbox, next);
    expect(mail.decoded).toContain("new e-mail address");
    const token = verificationToken(mail);

    // Until the link is used: the old address signs in, rings and is shown; the new one is nobody's.
    expect((await trySignIn(base, next, ann.password)).cookie).toBeNull();
    await signIn(base, old, ann.password);
    expect((await call(staff.cookie, next)).body).toMatchObject({ code: 400, errno: 122 });
    const before = await call(staff.cookie, old);
    expect(before.status).toBe(200);
    const out = await call(ann.cookie, staff.email);
    expect((await incoming(staff.cookie)).find((c) => c.callId === out.body.callId)!.callerId).toBe(old);

    expect(await confirmEmail(base, token)).toBe("changed");
    expect(await confirmEmail(base, token)).toBe("invalid");
    expect(await state(ann.cookie)).toEqual({ email: next, verified: true, pending: null, hasPassword: true });

    // After: the new address signs in, rings and is shown; the old one does none of these.
    expect((await trySignIn(base, old, ann.password)).cookie).toBeNull();
    const annAgain = await signIn(base, next, ann.password);
    expect((await call(staff.cookie, old)).body).toMatchObject({ code: 400, errno: 122 });
    const after = await call(staff.cookie, next.toUpperCase());
    expect(after.status).toBe(200);
    // Same account: its earlier call and the new one, on the session it already had.
    expect((await incoming(ann.cookie)).map((c) => c.callId)).toEqual(expect.arrayContaining([before.body.callId, after.body.callId]));
    expect((await incoming(annAgain)).map((c) => c.callId)).toContain(after.body.callId);
    const out2 = await call(ann.cookie, staff.email);
    expect((await incoming(staff.cookie)).find((c) => c.callId === out2.body.callId)!.callerId).toBe(next);

    // The old address is free: someone else can sign up with it, and once verified is the one rung.
    const heir = await signUp(base, { email: old });
    const c = await call(staff.cookie, old);
    expect(c.status).toBe(200);
    expect((await incoming(heir.cookie)).map((x) => x.callId)).toEqual([c.body.callId]);
    expect((await incoming(ann.cookie)).map((x) => x.callId)).not.toContain(c.body.callId);
  });

  it("an address a verified account holds cannot be taken (409); an unverified squatter on it never blocks it", async () => {
    const owner = await signUp(base);
    const ann = await signUp(base);
    const taken = await change(ann.cookie, { email: owner.email, password: ann.password });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 409, errno: 107, info: "email" });

    // A squatter signed up first with the address Ann wants, without being able to verify it.
    const wanted = uniqueEmail("wanted");
    const squatter = await signUp(base, { email: wanted, verify: false, password: "squatter-password" });
    expect((await change(ann.cookie, { email: wanted, password: ann.password })).status).toBe(202);
    const mails = await waitForMail(mailbox, wanted, 2);
    expect(await confirmEmail(base, verificationToken(mails[1]))).toBe("changed");
    // The squatter is gone; Ann holds the address.
    expect((await trySignIn(base, wanted, "squatter-password")).cookie).toBeNull();
    expect((await anon.get("/rooms", { auth: { cookie: squatter.cookie } })).status).toBe(401);
    await signIn(base, wanted, ann.password);
    const c = await call(owner.cookie, wanted);
    expect((await incoming(ann.cookie)).map((x) => x.callId)).toContain(c.body.callId);
    // The squatter's own link is spent.
    expect(await confirmEmail(base, verificationToken(mails[0]))).toBe("invalid");

    // Someone verified the address between the request and the link: the link answers "taken".
    const bob = await signUp(base);
    const contested = uniqueEmail("contested");
    expect((await change(bob.cookie, { email: contested, password: bob.password })).status).toBe(202);
    const [link] = await waitForMail(mailbox, contested);
    const winner = await signUp(base, { email: contested });
    expect(await confirmEmail(base, verificationToken(link))).toBe("taken");
    expect(await state(bob.cookie)).toMatchObject({ email: bob.email, pending: null });
    await signIn(base, winner.email, winner.password);
  });

  it("one change pending at a time; it can be cancelled; throttled like resend (429 / 116)", async () => {
    const ann = await signUp(base);
    const first = uniqueEmail("first");
    const second = uniqueEmail("second");
    expect((await change(ann.cookie, { email: first, password: ann.password })).status).toBe(202);
    expect((await change(ann.cookie, { email: second, password: ann.password })).body).toMatchObject({ pending: second });
    const [firstMail] = await waitForMail(mailbox, first);
    expect(await confirmEmail(base, verificationToken(firstMail))).toBe("invalid");

    const cancelled = await anon.del("/api/email-change", undefined, web(ann.cookie));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ email: ann.email, verified: true, pending: null, hasPassword: true });
    const [secondMail] = await waitForMail(mailbox, second);
    expect(await confirmEmail(base, verificationToken(secondMail))).toBe("invalid");
    expect((await state(ann.cookie)).email).toBe(ann.email);

    // Three mails to one address per 10 minutes, as for resend; the refused request spends nothing.
    const third = uniqueEmail("third");
    for (let i = 0; i < 3; i++) expect((await change(ann.cookie, { email: third, password: ann.password })).status).toBe(202);
    const limited = await change(ann.cookie, { email: third, password: ann.password });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 429, errno: 116 });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const mails = await waitForMail(mailbox, third, 3);
    expect(await confirmEmail(base, verificationToken(mails[2]))).toBe("changed");
    expect((await state(ann.cookie)).email).toBe(third);
  });
});
