"use client";

import { t } from "@/lib/i18n";

export default function DashboardError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-md rounded-2xl bg-white p-6 text-center shadow-sm ring-1 ring-slate-200">
      <p className="font-semibold">{t("owner.error.title")}</p>
      <button type="button" onClick={reset} className="mt-4 rounded-xl bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        {t("owner.retry")}
      </button>
    </div>
  );
}
