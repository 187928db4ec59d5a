import { accountLocale } from "../accounts/locale";
import { t } from "../i18n";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

/**
 * The texts of the verification mail and of the SMS, in one place, from the catalog
 * (lib/i18n/en/identity.ts) so they are translated with the rest. No images, no tracking:
 * the HTML part is the same text with one plain link.
 */
const PRODUCT = "Loop";

/**
 * The language a mail or SMS goes out in: the recipient's account choice when there is an
 * account, else the language of the request that asked for it (cookie / Accept-Language),
 * else English.
 */
export async function recipientLocale(userId: string | null, requested?: Locale | null): Promise<Locale> {
  const saved = userId ? await accountLocale(userId).catch(() => null) : null;
  return saved ?? requested ?? DEFAULT_LOCALE;
}

export type Mail = { subject: string; text: string; html: string };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function verificationMail(
  input: { email: string; name: string; url: string; kind: "verify" | "claim" | "change" },
  locale = "en",
): Mail {
  const v = { product: PRODUCT, email: input.email, name: input.name };
  const lines = [
    t("identity.mail.greeting", v, locale),
    t(input.kind === "claim" ? "identity.mail.claimBody" : input.kind === "change" ? "identity.mail.changeBody" : "identity.mail.body", v, locale),
    t("identity.mail.expiry", v, locale),
    t("identity.mail.ignore", v, locale),
  ];
  const text = [lines[0], "", lines[1], "", `${t("identity.mail.button", v, locale)}: ${input.url}`, "", lines[2], lines[3], "", `— ${PRODUCT}`].join("\n");
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const html = [
    `<!doctype html><html lang="${escapeHtml(locale)}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:560px">`,
    `<h1 style="font-size:20px">${escapeHtml(PRODUCT)}</h1>`,
    p(lines[0]),
    p(lines[1]),
    `<p style="margin:0 0 16px"><a href="${escapeHtml(input.url)}" style="display:inline-block;padding:10px 16px;background:#0b5fff;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(t("identity.mail.button", v, locale))}</a></p>`,
    p(input.url),
    p(lines[2]),
    p(lines[3]),
    `</body></html>`,
  ].join("\n");
  return { subject: t("identity.mail.subject", v, locale), text, html };
}

export function smsCodeText(code: string, locale = "en"): string {
  return t("identity.sms.code", { code, product: PRODUCT }, locale);
}
