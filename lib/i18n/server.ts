import { cookies, headers } from "next/headers";
import { sessionCookieValue, sessionUserId } from "@/lib/auth/web-session";
import { accountLocale } from "@/lib/accounts/locale";
import { getT, setRequestLocale, type T } from "./index";
import { isLocale, localeOfHeaders, negotiateLocale, type Locale } from "./locales";

/**
 * The request's language, for server components: the cookie (this device's choice), else the
 * signed-in person's saved choice (a new device), else Accept-Language. It also becomes the
 * language of `t()` without an explicit one for the rest of this server render.
 */
export async function getLocale(): Promise<Locale> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const chosen = jar.get("loop_lang")?.value;
  let locale: Locale | null = isLocale(chosen) ? chosen : null;
  const session = locale ? null : sessionCookieValue(h.get("cookie"));
  if (session) {
    const userId = await sessionUserId(session);
    if (userId) locale = await accountLocale(userId).catch(() => null);
  }
  locale ??= negotiateLocale(h.get("accept-language"));
  setRequestLocale(locale);
  return locale;
}

/** `const t = await getRequestT()` at the top of a server component. */
export async function getRequestT(): Promise<T> {
  return getT(await getLocale());
}

/** For route handlers: the language of a request from its headers alone (no account lookup). */
export function requestLocale(req: Request): Locale {
  return localeOfHeaders(req.headers);
}
