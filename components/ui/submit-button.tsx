"use client";

import { buttonClass } from "./button";
import { useHydrated } from "./use-hydrated";

/**
 * A form's full-width submit button. Disabled until React has hydrated the page, so a click
 * can never fall through to a native form submission (which would put a password in a URL).
 */
export function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  const hydrated = useHydrated();
  return (
    <button type="submit" disabled={busy || !hydrated} aria-busy={busy || undefined} className={buttonClass("primary", "w-full disabled:cursor-progress")}>
      {busy ? busyLabel : label}
    </button>
  );
}
