"use client";
import { signIn } from "next-auth/react";
import { t } from "@/lib/i18n";
import { useHydrated } from "@/components/ui/use-hydrated";

/** One button per external provider switched on by the server's environment. */
export function OAuthButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  const hydrated = useHydrated();
  if (!providers.length) return null;
  return (
    <div className="flex flex-col gap-3">
      {providers.map((p) => (
        <button
          key={p.id}
          type="button"
          disabled={!hydrated}
          onClick={() => void signIn(p.id, { callbackUrl })}
          className="min-h-11 w-full rounded-xl bg-white px-5 py-3 font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          {t("auth.continueWith", { provider: p.name })}
        </button>
      ))}
      <div className="flex items-center gap-3 text-sm text-slate-500" aria-hidden>
        <span className="h-px flex-1 bg-slate-200" />
        {t("auth.or")}
        <span className="h-px flex-1 bg-slate-200" />
      </div>
    </div>
  );
}
