import { saveAccountLocale } from "../accounts/locale";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, type Locale } from "./locales";

/** Saves a language choice on the account (when signed in); returns the cookie that remembers it. */
export async function chooseLocale(locale: Locale, userId: string | null): Promise<string> {
  if (userId) await saveAccountLocale(userId, locale);
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax`;
}
