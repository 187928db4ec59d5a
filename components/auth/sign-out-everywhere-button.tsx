"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { t } from "@/lib/i18n";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * Ends every session of this account on the server (other browsers, connected clients), then
 * signs this browser out too.
 */
export function SignOutEverywhereButton() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const hydrated = useHydrated();
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        disabled={busy || !hydrated}
        aria-busy={busy || undefined}
        onClick={async () => {
          setBusy(true);
          setFailed(false);
          try {
            const res = await fetch("/api/sign-out-everywhere", { method: "POST", headers: { Accept: "application/json" } });
            if (!res.ok && res.status !== 401) throw new Error(String(res.status));
            await signOut({ callbackUrl: "/sign-in?signedOut=1" });
          } catch {
            setFailed(true);
            setBusy(false);
          }
        }}
        className="min-h-11 rounded-xl bg-white px-5 py-3 font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-70"
      >
        {busy ? t("auth.signOutEverywhere.busy") : t("auth.signOutEverywhere")}
      </button>
      {failed && (
        <p role="alert" className="text-sm text-red-700">
          {t("auth.signOutEverywhere.failed")}
        </p>
      )}
    </div>
  );
}
