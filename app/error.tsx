"use client";

import { t } from "@/lib/i18n";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col items-start justify-center gap-4 px-6">
      <h1 className="text-3xl font-bold tracking-tight">{t("error.title")}</h1>
      <p className="text-slate-700">{t("error.body")}</p>
      <button
        type="button"
        onClick={reset}
        className="rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700"
      >
        {t("error.retry")}
      </button>
    </main>
  );
}
