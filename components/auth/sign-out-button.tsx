"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { t } from "@/lib/i18n";
import { useHydrated } from "@/components/ui/use-hydrated";

const LABELS = {
  here: { idle: "auth.signOut", busy: "auth.signOut.busy" },
  everywhere: { idle: "auth.signOutEverywhere", busy: "auth.signOutEverywhere.busy" },
} as const;

/**
 * Signs out of the web app (next-auth clears the session cookie), then shows the sign-in page.
 * `everywhere` first ends every session of this account on the server (other browsers,
 * connected clients); when that fails, it says so under the button and nothing is signed out.
 */
export function SignOutButton({ className, everywhere = false }: { className?: string; everywhere?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const hydrated = useHydrated();
  const labels = LABELS[everywhere ? "everywhere" : "here"];

  async function run() {
    setBusy(true);
    setFailed(false);
    try {
      if (everywhere) {
        const res = await fetch("/api/sign-out-everywhere", { method: "POST", headers: { Accept: "application/json" } });
        if (!res.ok && res.status !== 401) throw new Error(String(res.status));
      }
      await signOut({ callbackUrl: "/sign-in?signedOut=1" });
    } catch {
      setFailed(true);
      setBusy(false);
    }
  }

  const button = (
    <button
      type="button"
      disabled={busy || !hydrated}
      aria-busy={busy || undefined}
      onClick={() => void run()}
      className={
        className ??
        "min-h-11 rounded-xl bg-white px-5 py-3 font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-70"
      }
    >
      {t(busy ? labels.busy : labels.idle)}
    </button>
  );
  if (!everywhere) return button;
  return (
    <div className="flex flex-col items-start gap-1">
      {button}
      {failed && (
        <p role="alert" className="text-sm text-red-700">
          {t("auth.signOutEverywhere.failed")}
        </p>
      )}
    </div>
  );
}
