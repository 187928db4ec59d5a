import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import { userMacFor } from "@/lib/crypto";
import { db } from "@/lib/db";
import { issueVerification } from "@/lib/identity/email";
import { recipientLocale, smsCodeText, verificationMail } from "@/lib/identity/messages";
import { registerMsisdn } from "@/lib/identity/phone";
import { localeOfHeaders } from "@/lib/i18n/locales";
import { captureLog } from "../support/log-capture";

// The verification mail and the SMS code go out in the recipient's language: the account's
// saved choice, else the language of the request that asked, else English. Without SMTP_URL
// and SMS_PROVIDER they are written to the server log, where these tests read them.
const lastLog = captureLog();

async function newUser(locale: string | null) {
  const email = `u-${randomBytes(5).toString("hex")}@example.test`;
  return db().user.create({ data: { id: randomUUID(), email, userMac: userMacFor(email), name: "Ann", locale } });
}
const number = () => `+1650253${String(randomInt(0, 10_000)).padStart(4, "0")}`;

describe("mail and SMS texts per language", () => {
  it("the mail is written in the language asked for, HTML part included", () => {
    const input = { email: "a@b.test", name: "Ann", url: "https://loop.test/verify-email/abc", kind: "verify" as const };
    const fr = verificationMail(input, "fr");
    expect(fr.subject).toBe("Confirmez votre adresse e-mail pour Loop");
    expect(fr.text).toContain("Bonjour Ann,");
    expect(fr.text).toContain("Confirmer mon adresse e-mail: https://loop.test/verify-email/abc");
    expect(fr.html).toContain('<html lang="fr">');
    expect(verificationMail(input, "de").subject).toBe("Bestätigen Sie Ihre E-Mail-Adresse für Loop");
    expect(verificationMail(input, "es").text).toContain("Hola, Ann:");
    const ar = verificationMail({ ...input, kind: "claim" }, "ar");
    expect(ar.html).toContain('<html lang="ar">');
    expect(ar.text).toContain("a@b.test");
    expect(ar.text).not.toMatch(/confirm|account/i);
    expect(verificationMail(input).subject).toBe("Confirm your e-mail address for Loop");
  });

  it("the SMS carries the code in the language asked for", () => {
    expect(smsCodeText("012345", "de")).toBe("012345 ist Ihr Loop-Bestätigungscode. Er läuft in 10 Minuten ab.");
    expect(smsCodeText("012345", "es")).toBe("012345 es tu código de verificación de Loop. Caduca en 10 minutos.");
    expect(smsCodeText("012345")).toBe("012345 is your Loop verification code. It expires in 10 minutes.");
  });

  it("the request's language: the cookie first, then Accept-Language, else English", () => {
    expect(localeOfHeaders(new Headers({ cookie: "a=1; loop_lang=ar", "accept-language": "fr" }))).toBe("ar");
    expect(localeOfHeaders(new Headers({ "accept-language": "de-AT, en;q=0.5" }))).toBe("de");
    expect(localeOfHeaders(new Headers({ "accept-language": "*" }))).toBe("en");
    expect(localeOfHeaders(new Headers())).toBe("en");
  });
});

describe("the recipient's language", () => {
  it("the account's choice wins over the request's; no account → the request's; neither → English", async () => {
    const german = await newUser("de");
    const undecided = await newUser(null);
    expect(await recipientLocale(german.id, "fr")).toBe("de");
    expect(await recipientLocale(undecided.id, "fr")).toBe("fr");
    expect(await recipientLocale(null, "es")).toBe("es");
    expect(await recipientLocale(undecided.id, null)).toBe("en");
  });

  it("a verification mail goes out in the account's language, a claim in the requester's", async () => {
    const german = await newUser("de");
    await issueVerification({ kind: "verify", userId: german.id, email: german.email, name: "Ann" }, null, "fr");
    expect(lastLog("mail.not_sent_no_smtp").subject).toBe("Bestätigen Sie Ihre E-Mail-Adresse für Loop");

    const undecided = await newUser(null);
    await issueVerification({ kind: "verify", userId: undecided.id, email: undecided.email, name: "Ann" }, null, "fr");
    expect(lastLog("mail.not_sent_no_smtp").subject).toBe("Confirmez votre adresse e-mail pour Loop");

    const email = `c-${randomBytes(5).toString("hex")}@example.test`;
    await issueVerification({ kind: "claim", email, name: "Ann", passwordHash: "x" }, null, "es");
    expect(lastLog("mail.not_sent_no_smtp").subject).toBe("Confirma tu correo para Loop");

    await issueVerification({ kind: "verify", userId: undecided.id, email: undecided.email, name: "Ann" }, null);
    expect(lastLog("mail.not_sent_no_smtp").subject).toBe("Confirm your e-mail address for Loop");
  });

  it("the SMS code goes out in the account's language, else the requester's, else English", async () => {
    const arabic = await newUser("ar");
    const web: Caller = { kind: "web", userId: arabic.id, userMac: arabic.userMac, email: arabic.email };
    await registerMsisdn(web, number(), "198.51.100.8", "fr");
    const ar = lastLog("sms.not_sent_no_provider").text;
    expect(ar).toMatch(/^\d{6} هو رمز التحقق الخاص بك على Loop/);

    const session = (): Caller => ({ kind: "hawk", sessionHmac: randomBytes(16).toString("hex"), userMac: randomBytes(16).toString("hex"), userId: null });
    await registerMsisdn(session(), number(), "198.51.100.8", "fr");
    expect(lastLog("sms.not_sent_no_provider").text).toMatch(/^\d{6} est votre code de vérification Loop\./);
    await registerMsisdn(session(), number(), "198.51.100.8");
    expect(lastLog("sms.not_sent_no_provider").text).toMatch(/^\d{6} is your Loop verification code\./);
  });
});
