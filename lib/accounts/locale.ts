import { db } from "../db";
import { isLocale, type Locale } from "../i18n/locales";

/**
 * The language a person chose, kept on their account so a new device (and mail or SMS sent to
 * them) uses it. Null: they never chose, follow the browser.
 */
export async function accountLocale(userId: string): Promise<Locale | null> {
  const row = await db().user.findUnique({ where: { id: userId }, select: { locale: true } });
  return isLocale(row?.locale) ? row.locale : null;
}

/** Same, by userMac (what most Loop records carry). */
export async function accountLocaleByMac(userMac: string): Promise<Locale | null> {
  const row = await db().user.findUnique({ where: { userMac }, select: { locale: true } });
  return isLocale(row?.locale) ? row.locale : null;
}

export async function saveAccountLocale(userId: string, locale: Locale): Promise<void> {
  await db().user.updateMany({ where: { id: userId }, data: { locale } });
}
