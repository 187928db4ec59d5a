"use client";

import * as React from "react";
import { createContext, use, useCallback, useContext, useEffect, useMemo, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { getT, registerRenderLocale, setPageLocale, type T } from "./index";
import { dirOf, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, type Locale } from "./locales";

type LocaleState = { locale: Locale; setLocale: (next: Locale) => Promise<void>; pending: boolean };

const LocaleContext = createContext<LocaleState | null>(null);

// `t()` without a language reads the provider of the render in progress: the right language
// per request during server rendering, and a re-render of every component that used `t` when
// the person switches. Outside a render (event handlers) `use` throws and `t` uses the page's.
// React's current dispatcher: null outside any render (then `use` would only log and throw).
const internals = (React as unknown as { __CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE?: { H: unknown } })
  .__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;

registerRenderLocale(() => {
  if (internals && internals.H == null) return undefined;
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
  const [served, setServed] = useState<Locale>(initial);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  // The server answered in another language (changed in another tab): follow it.
  if (initial !== served) {
    setServed(initial);
    setState(initial);
  }
  if (typeof window !== "undefined") setPageLocale(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = dirOf(locale);
  }, [locale]);

  const setLocale = useCallback(
    async (next: Locale) => {
      document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax`;
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
