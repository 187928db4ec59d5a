"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { t } from "@/lib/i18n";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Signs out of the web app (next-auth clears the session cookie), then shows the sign-in page. */
export function SignOutButton({ className }: { className?: string }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      disabled={busy || !hydrated}
      aria-busy={busy || undefined}
      onClick={async () => {
        setBusy(true);
        await signOut({ callbackUrl: "/sign-in?signedOut=1" });
      }}
      className={
        className ??
        "min-h-11 rounded-xl bg-white px-5 py-3 font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-70"
      }
    >
      {busy ? t("auth.signOut.busy") : t("auth.signOut")}
    </button>
  );
}
