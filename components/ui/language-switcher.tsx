"use client";

import { useId } from "react";
import { t } from "@/lib/i18n";
import { useLocale } from "@/lib/i18n/client";
import { isLocale, LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";

/**
 * Every page's language menu (the root layout puts it below each page, as a small navigation
 * landmark of its own): each language named in itself, applied at once, remembered.
 */
export function LanguageSwitcher({ className = "flex justify-center px-4 pb-6" }: { className?: string }) {
  const { locale, setLocale, pending } = useLocale();
  const id = useId();
  return (
    <nav aria-label={t("lang.label")} className={className} data-testid="language-switcher">
      <div className="flex items-center gap-2 text-sm text-slate-700">
        <label htmlFor={id}>{t("lang.label")}</label>
        <select
          id={id}
          value={locale}
          aria-busy={pending || undefined}
          onChange={(e) => isLocale(e.target.value) && void setLocale(e.target.value)}
          className="min-h-11 rounded-lg border border-slate-300 bg-white px-2 py-1 text-slate-800 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
    </nav>
  );
}
