import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { manualClock, setClock, systemClock } from "@/lib/clock";
import { userMacFor } from "@/lib/crypto";
import { db } from "@/lib/db";
import { consumeVerificationLink, issueVerification, newUserMac, requestEmailChange } from "@/lib/identity/email";
import { LoopError } from "@/lib/http/errors";
import { verificationMail, smsCodeText } from "@/lib/identity/messages";
import { msisdnOfPhoneObject, normaliseMsisdn } from "@/lib/identity/numbers";
import { registerMsisdn, verifyMsisdn } from "@/lib/identity/phone";
import { captureLog } from "../support/log-capture";

// Without SMTP_URL and SMS_PROVIDER (the embedded default) the link and the code go to the
// server log: these tests read them there, as a person running `npm start` would.
const lastLog = captureLog();
afterEach(() => {
  setClock(systemClock);
});

async function newUser() {
  const email = `u-${randomBytes(5).toString("hex")}@example.test`;
  return db().user.create({ data: { id: randomUUID(), email, userMac: userMacFor(email), name: "Ann" } });
}

describe("numbers", () => {
  it("E.164 for valid numbers only; national numbers need a country; {phoneNumber, mcc} as the original", () => {
    expect(normaliseMsisdn("+1 (650) 253-0000")).toBe("+16502530000");
    expect(normaliseMsisdn("+33 6 12 34 56 78")).toBe("+33612345678");
    for (const bad of ["12ab", "+1234", "", "6502530000", "+44 20", "+999999999999", "+1650253000012345678901234567890"]) {
      expect(normaliseMsisdn(bad), bad).toBeNull();
    }
    expect(msisdnOfPhoneObject({ phoneNumber: "06 12 34 56 78", mcc: 208 })).toBe("+33612345678");
    expect(msisdnOfPhoneObject({ phoneNumber: "06 12 34 56 78", mcc: "208" })).toBe("+33612345678");
    expect(msisdnOfPhoneObject({ phoneNumber: "+16502530000", mcc: 208 })).toBe("+16502530000");
    expect(msisdnOfPhoneObject({ phoneNumber: "06 12 34 56 78", mcc: 999 })).toBeNull();
    expect(msisdnOfPhoneObject({ phoneNumber: 612345678, mcc: 208 })).toBeNull();
  });
});

describe("texts", () => {
  it("the mail has a text and an HTML part with the product name and the link, no images; the SMS carries the code", () => {
    const m = verificationMail({ email: "a@b.test", name: "Ann <script>", url: "https://loop.test/verify-email/abc", kind: "verify" });
    expect(m.subject).toContain("Loop");
    expect(m.text).toContain("https://loop.test/verify-email/abc");
    expect(m.text).toContain("Hello Ann <script>,");
    expect(m.html).toContain('href="https://loop.test/verify-email/abc"');
    expect(m.html).not.toContain("<script>");
    expect(m.html).not.toMatch(/<img|src=/i);
    expect(verificationMail({ email: "a@b.test", name: "A", url: "u", kind: "claim" }).text).toContain("finish creating the account");
    expect(smsCodeText("012345")).toBe("012345 is your Loop verification code. It expires in 10 minutes.");
  });
});

describe("e-mail links", () => {
  it("without SMTP_URL the link is logged; it lives 24 hours", async () => {
    const c = manualClock(Date.UTC(2026, 5, 1));
    setClock(c);
    const user = await newUser();
    expect(await issueVerification({ kind: "verify", userId: user.id, email: user.email, name: "Ann" }, null)).toBe(true);
    const url = lastLog("mail.not_sent_no_smtp").url;
    expect(url).toMatch(/^http:\/\/loop\.test\/verify-email\/[\w-]{43}$/);
    c.advance(24 * 3600 * 1000 + 1000);
    expect(await consumeVerificationLink(url.split("/").pop()!)).toBe("invalid");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();

    await issueVerification({ kind: "verify", userId: user.id, email: user.email, name: "Ann" }, null);
    const fresh = lastLog("mail.not_sent_no_smtp").url.split("/").pop()!;
    c.advance(23 * 3600 * 1000);
    // Two clicks at once: one verifies, the other finds the link used.
    const both = await Promise.all([consumeVerificationLink(fresh), consumeVerificationLink(fresh)]);
    expect(both.sort()).toEqual(["invalid", "verified"]);
  });

  it("a link for an address the account no longer has does nothing", async () => {
    const user = await newUser();
    await issueVerification({ kind: "verify", userId: user.id, email: user.email, name: "Ann" }, null);
    const token = lastLog("mail.not_sent_no_smtp").url.split("/").pop()!;
    const other = `moved-${randomBytes(4).toString("hex")}@example.test`;
    await db().user.update({ where: { id: user.id }, data: { email: other, userMac: userMacFor(other) } });
    expect(await consumeVerificationLink(token)).toBe("invalid");
  });
});

describe("change of address", () => {
  it("an account without a password (identity provider) cannot change its address here: 403, nothing mailed", async () => {
    const user = await newUser(); // no passwordHash, as an account made through GitHub/Google/OIDC
    const err = await requestEmailChange(user.id, { email: `n-${randomBytes(4).toString("hex")}@example.test`, password: "anything" }, "198.51.100.7").catch((e) => e);
    expect(err).toBeInstanceOf(LoopError);
    expect(err.body()).toMatchObject({ code: 403, info: "no-password" });
    expect(await db().emailVerification.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a change link whose address is already the account's does nothing; a verify link never changes the address", async () => {
    const user = await newUser();
    const other = `o-${randomBytes(4).toString("hex")}@example.test`;
    await issueVerification({ kind: "change", userId: user.id, email: user.email, name: "Ann" }, null);
    expect(await consumeVerificationLink(lastLog("mail.not_sent_no_smtp").url.split("/").pop()!)).toBe("invalid");
    await issueVerification({ kind: "verify", userId: user.id, email: other, name: "Ann" }, null);
    expect(await consumeVerificationLink(lastLog("mail.not_sent_no_smtp").url.split("/").pop()!)).toBe("invalid");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
  });

  it("a new account for an address another account used to have gets its own userMac", async () => {
    const user = await newUser();
    const former = user.email;
    expect(await newUserMac(former)).toBe(user.userMac);
    await db().user.update({ where: { id: user.id }, data: { email: `moved-${randomBytes(4).toString("hex")}@example.test` } });
    const mac = await newUserMac(former.toUpperCase());
    expect(mac).not.toBe(user.userMac);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("SMS codes", () => {
  const session = (): Caller => ({ kind: "hawk", sessionHmac: randomBytes(16).toString("hex"), userMac: randomBytes(16).toString("hex"), userId: null });
  const number = () => `+1650253${String(randomInt(0, 10_000)).padStart(4, "0")}`;

  it("without SMS_PROVIDER the code is logged; it lives 10 minutes", async () => {
    const c = manualClock(Date.UTC(2026, 5, 1));
    setClock(c);
    const caller = session();
    const n = number();
    await registerMsisdn(caller, n, "198.51.100.7");
    const { to, text } = lastLog("sms.not_sent_no_provider");
    expect(to).toBe(n);
    const code = /\d{6}/.exec(text)![0];
    c.advance(10 * 60 * 1000);
    await expect(verifyMsisdn(caller, n, code)).rejects.toMatchObject({ code: 400, errno: 107, detail: { info: "code-expired" } });

    await registerMsisdn(caller, n, "198.51.100.7");
    const fresh = /\d{6}/.exec(lastLog("sms.not_sent_no_provider").text)![0];
    c.advance(9 * 60 * 1000);
    expect(await verifyMsisdn(caller, n, fresh)).toEqual({ msisdn: n });
    // Used: a second verify with it has no code to check.
    await expect(verifyMsisdn(caller, n, fresh)).rejects.toMatchObject({ code: 400, errno: 107, detail: { info: "no-code" } });
  });

  it("five tries in parallel cannot become more than five", async () => {
    const caller = session();
    const n = number();
    await registerMsisdn(caller, n, "198.51.100.8");
    const code = /\d{6}/.exec(lastLog("sms.not_sent_no_provider").text)![0];
    const wrong = code === "000000" ? "111111" : "000000";
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => verifyMsisdn(caller, n, wrong)));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    const row = await db().phoneCode.findFirstOrThrow({ where: { msisdn: n } });
    expect(row.tries).toBe(5);
    await expect(verifyMsisdn(caller, n, code)).rejects.toMatchObject({ detail: { info: "code-dead" } });
  });
});
