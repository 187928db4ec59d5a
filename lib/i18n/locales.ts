/**
 * The languages Loop speaks, and how one is chosen for a request: the person's choice (cookie,
 * or their account when signed in on a new device), else the browser's Accept-Language, else
 * English. Shared by server and browser code (no imports but the pure cookie reader).
 */
import { readCookies } from "../http/cookies";

export const LOCALES = ["en", "fr", "de", "es", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The cookie that remembers the choice on this device (a year; readable by the page). */
export const LOCALE_COOKIE = "loop_lang";
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600;

/** Each language named in itself, as a switcher shows it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  fr: "Français",
  de: "Deutsch",
  es: "Español",
  ar: "العربية",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function dirOf(locale: Locale): "ltr" | "rtl" {
  return locale === "ar" ? "rtl" : "ltr";
}

/**
 * The best supported language for an Accept-Language header ("fr-CH, fr;q=0.9, en;q=0.8"):
 * highest q first, regional tags fall back to their language, `*` and unknown tags are skipped.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((x) => x.tag && x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** The language named by a cookie value, or null when it is missing or not one we speak. */
export function localeFromCookieHeader(cookieHeader: string | null | undefined): Locale | null {
  const v = readCookies(cookieHeader).get(LOCALE_COOKIE);
  return v !== undefined && isLocale(v) ? v : null;
}

/**
 * The language of a request from its headers alone: this device's choice (cookie), else
 * Accept-Language, else English. For API routes that act for the requester (mail, SMS).
 */
export function localeOfHeaders(headers: Headers): Locale {
  return localeFromCookieHeader(headers.get("cookie")) ?? negotiateLocale(headers.get("accept-language"));
}
