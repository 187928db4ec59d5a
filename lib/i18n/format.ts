import { currentLocale } from "./index";
import type { Locale } from "./locales";

/**
 * Dates, times, durations, numbers and lists in the reader's language, always through Intl
 * (never concatenation). `locale` defaults to the language `t()` would use right now.
 */
const cacheOf = <K, V>() => new Map<K, V>();
const dtf = cacheOf<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions) {
  const id = `${locale}|${JSON.stringify(options)}`;
  let f = dtf.get(id);
  if (!f) dtf.set(id, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

type When = Date | number;
const toDate = (d: When) => (typeof d === "number" ? new Date(d) : d);

/** "30 Nov 2026, 17:05" in the reader's conventions. */
export function formatDateTime(when: When, locale: Locale = currentLocale()) {
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(toDate(when));
}

export function formatDate(when: When, locale: Locale = currentLocale()) {
  return dateTimeFormat(locale, { dateStyle: "medium" }).format(toDate(when));
}

export function formatTime(when: When, locale: Locale = currentLocale()) {
  return dateTimeFormat(locale, { timeStyle: "short" }).format(toDate(when));
}

/** Unix seconds (the API's unit) → date and time. */
export function formatUnixDateTime(sec: number, locale: Locale = currentLocale()) {
  return formatDateTime(sec * 1000, locale);
}

export function formatNumber(n: number, locale: Locale = currentLocale()) {
  return new Intl.NumberFormat(locale).format(n);
}

/** "Anna, Ben and Chloé" / "Anna, Ben et Chloé" / "Anna وBen وChloé". */
export function formatList(items: string[], locale: Locale = currentLocale(), type: "conjunction" | "disjunction" = "conjunction") {
  return new Intl.ListFormat(locale, { style: "long", type }).format(items);
}

/**
 * "in 3 days", "5 minutes ago", "vor 2 Stunden": the largest unit that fits, with `numeric:
 * "auto"` so languages can say "yesterday" / "demain".
 */
export function formatRelative(when: When, now: When = Date.now(), locale: Locale = currentLocale()) {
  const diffSec = (toDate(when).getTime() - toDate(now).getTime()) / 1000;
  const abs = Math.abs(diffSec);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["year", 365 * 86400],
    ["month", 30 * 86400],
    ["week", 7 * 86400],
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) if (abs >= size) return rtf.format(Math.round(diffSec / size), unit);
  return rtf.format(Math.round(diffSec), "second");
}

/**
 * A call's length as a clock, "4:05" or "1:02:09", with the locale's digits; and in words
 * for screen readers ("4 minutes, 5 seconds") through Intl.NumberFormat units.
 */
export function formatClock(totalSec: number, locale: Locale = currentLocale()) {
  const s = Math.max(0, Math.floor(totalSec));
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(locale, { useGrouping: false });
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h ? `${one.format(h)}:${two.format(m)}:${two.format(sec)}` : `${one.format(m)}:${two.format(sec)}`;
}

export function formatDuration(totalSec: number, locale: Locale = currentLocale()) {
  const s = Math.max(0, Math.round(totalSec));
  const parts: string[] = [];
  const unit = (value: number, u: "hour" | "minute" | "second") =>
    new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "long" }).format(value);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) parts.push(unit(h, "hour"));
  if (m) parts.push(unit(m, "minute"));
  if (sec || !parts.length) parts.push(unit(sec, "second"));
  return new Intl.ListFormat(locale, { style: "narrow", type: "unit" }).format(parts);
}

/** An hour count as words: "24 hours" → "1 day"-style via the largest whole unit. */
export function formatHours(hours: number, locale: Locale = currentLocale()) {
  const [value, u] = hours % 168 === 0 ? [hours / 168, "week"] : hours % 24 === 0 ? [hours / 24, "day"] : [hours, "hour"];
  return new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "long" }).format(value);
}
