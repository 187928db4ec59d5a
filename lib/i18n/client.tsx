"use client";

import { createContext, use, useCallback, useContext, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { getT, registerRenderLocale, setPageLocale, type T } from "./index";
import { dirOf, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, type Locale } from "./locales";

type LocaleState = { locale: Locale; setLocale: (next: Locale) => Promise<void>; pending: boolean };

const LocaleContext = createContext<LocaleState | null>(null);

// `t()` without a language reads the provider of the render in progress: the right language
// per request during server rendering, and a re-render of every component that used `t` when
// the person switches. Outside a render (event handlers) `use` throws and `t` uses the page's.
registerRenderLocale(() => {
  try {
    return use(LocaleContext)?.locale;
  } catch {
    return undefined;
  }
});

/**
 * Holds the page's language: given by the server (cookie / account / Accept-Language), changed
 * by the switcher. A switch applies at once (every `t` re-renders, `<html lang dir>` follows),
 * is remembered in the cookie and, when signed in, on the account; then the server components
 * are fetched again in the new language. Call and chat state are kept (nothing remounts).
 */
export function LocaleProvider({ initial, children }: { initial: Locale; children: React.ReactNode }) {
  const [locale, setState] = useState<Locale>(initial);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  if (typeof window !== "undefined") setPageLocale(locale);

  const setLocale = useCallback(
    async (next: Locale) => {
      document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax`;
      document.documentElement.lang = next;
      document.documentElement.dir = dirOf(next);
      setPageLocale(next);
      setState(next);
      // Remembered on the account too when signed in (the server ignores it otherwise).
      await fetch("/api/locale", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ locale: next }),
      }).catch(() => undefined);
      startTransition(() => router.refresh());
    },
    [router],
  );

  const value = useMemo(() => ({ locale, setLocale, pending }), [locale, setLocale, pending]);
  return <LocaleContext value={value}>{children}</LocaleContext>;
}

/** The page's language and the switch; for the language switcher and Intl formatting. */
export function useLocale(): LocaleState {
  const ctx = useContext(LocaleContext);
  if (!ctx) throw new Error("useLocale needs a <LocaleProvider> above it");
  return ctx;
}

/** A `t` bound to the current language (same as calling `t` during render). */
export function useT(): T {
  const { locale } = useLocale();
  return useMemo(() => getT(locale), [locale]);
}
