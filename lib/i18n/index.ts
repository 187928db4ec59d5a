import { cache } from "react";
import { IntlMessageFormat } from "intl-messageformat";
import { en, type Catalog, type MessageKey } from "./en";
import { fr } from "./fr";
import { de } from "./de";
import { es } from "./es";
import { ar } from "./ar";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

/**
 * `t(key, vars)`: the one way a user-visible string is produced. Messages are ICU
 * MessageFormat (`{name}`, `{n, plural, one {# room} other {# rooms}}`, `{kind, select, …}`),
 * formatted by intl-messageformat with the locale's plural rules.
 *
 * Which language, when no `lang` is passed:
 * - while a client component renders (browser and server-side rendering): the nearest
 *   `<LocaleProvider>` (read through React context, so the component re-renders on a switch);
 * - in a server component: the request's language, once `getLocale()` / `getRequestT()` from
 *   `lib/i18n/server` has run for the request (the root layout and every page call it);
 * - elsewhere in the browser (event handlers, effects): the page's language.
 * Server code outside a page (mail, SMS) passes the recipient's language explicitly.
 */
export type Vars = Record<string, string | number | Date>;
export type T = (key: MessageKey, vars?: Vars) => string;

export const catalogs: Record<Locale, Catalog> = { en, fr, de, es, ar };
const english: Record<string, string> = en;

// Set by lib/i18n/client.tsx when it loads (client graph only): the locale of the render in progress.
let renderLocale: (() => Locale | undefined) | null = null;
// The browser page's language (event handlers and effects run outside any render).
let pageLocale: Locale | undefined =
  typeof document !== "undefined" && isLocale(document.documentElement.lang) ? document.documentElement.lang : undefined;

/** Per server request (React `cache` is scoped to one RSC render); a no-op elsewhere. */
const requestLocale = cache((): { locale?: Locale } => ({}));

export function registerRenderLocale(fn: () => Locale | undefined) {
  renderLocale = fn;
}

export function setPageLocale(locale: Locale) {
  pageLocale = locale;
}

export function setRequestLocale(locale: Locale) {
  requestLocale().locale = locale;
}

/** The language `t()` uses when none is passed (see above). */
export function currentLocale(): Locale {
  const rendering = renderLocale?.();
  if (rendering) return rendering;
  if (typeof window === "undefined") return requestLocale().locale ?? DEFAULT_LOCALE;
  return pageLocale ?? DEFAULT_LOCALE;
}

const compiled = new Map<string, IntlMessageFormat>();

/** Formats one message of one locale; a message missing from a translation falls back to English. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const source: string | undefined = (catalogs[locale] ?? english)[key] ?? english[key];
  if (source === undefined) return key;
  if (!source.includes("{") && !source.includes("'")) return source;
  const id = `${locale}\u0000${key}`;
  let fmt = compiled.get(id);
  if (!fmt) {
    fmt = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
    compiled.set(id, fmt);
  }
  try {
    const out = fmt.format(vars ?? {});
    return Array.isArray(out) ? out.join("") : String(out);
  } catch {
    // A missing variable: show the message with the gap rather than break the page.
    return source;
  }
}

export function t(key: MessageKey, vars?: Vars, lang?: string): string {
  return translate(isLocale(lang) ? lang : currentLocale(), key, vars);
}

/** A `t` bound to one language (server code writing for a known recipient, tests). */
export function getT(locale: Locale): T {
  return (key, vars) => translate(locale, key, vars);
}

export type { Catalog, MessageKey, Locale };
export { LOCALES, LOCALE_NAMES, LOCALE_COOKIE, dirOf, isLocale, negotiateLocale, DEFAULT_LOCALE } from "./locales";
