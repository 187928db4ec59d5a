"use client";

import { t } from "@/lib/i18n";

export type Toast = { id: string; text: string; action?: { label: string; href: string }; tone?: "info" | "error" };

/**
 * Arrival and error toasts, announced politely to screen readers. They stay until dismissed
 * or replaced by newer ones (the last five), so a Join button does not vanish under a hand.
 */
export function Toasts({ toasts, dismiss }: { toasts: Toast[]; dismiss: (id: string) => void }) {
  return (
    <div aria-live="polite" role="status" className="pointer-events-none fixed inset-x-0 bottom-0 z-40 flex flex-col items-center gap-2 p-3 sm:items-end">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          data-testid="toast"
          className={`pointer-events-auto flex w-full max-w-sm items-center gap-3 rounded-2xl px-4 py-3 shadow-lg ring-1 ${
            toast.tone === "error" ? "bg-red-50 text-red-900 ring-red-200" : "bg-white text-ink ring-slate-200"
          }`}
        >
          <p className="min-w-0 flex-1 break-words">{toast.text}</p>
          {toast.action && (
            <a href={toast.action.href} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
              {toast.action.label}
            </a>
          )}
          <button
            type="button"
            onClick={() => dismiss(toast.id)}
            className="rounded-lg px-2 py-1 text-slate-600 hover:bg-slate-100"
            aria-label={t("owner.toast.dismiss")}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
