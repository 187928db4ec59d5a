"use client";

import { t } from "@/lib/i18n";
import { buttonClass } from "./button";

/** A list that could not load: what went wrong and a Retry button, announced as an alert. */
export function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="flex flex-wrap items-center gap-3 rounded-xl bg-red-50 p-3 text-red-900 ring-1 ring-red-200">
      <p className="flex-1">{message}</p>
      <button type="button" className={buttonClass("secondary")} onClick={onRetry}>
        {t("owner.retry")}
      </button>
    </div>
  );
}
