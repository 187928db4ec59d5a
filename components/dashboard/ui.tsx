"use client";

import { useState } from "react";
import { t } from "@/lib/i18n";
import { formatUnixDateTime } from "@/lib/i18n/format";

/** Small styled pieces the owner screens share; every button is at least 44 px tall (touch). */
export const buttonClass = {
  primary: "inline-flex min-h-11 items-center justify-center gap-2 rounded-xl bg-brand-600 px-4 py-2 font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60",
  secondary:
    "inline-flex min-h-11 items-center justify-center gap-2 rounded-xl bg-white px-3 py-2 font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60",
  danger: "inline-flex min-h-11 items-center justify-center gap-2 rounded-xl bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-60",
  quiet: "inline-flex min-h-11 items-center justify-center gap-2 rounded-lg px-2 py-1.5 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60",
};

export const inputClass =
  "w-full rounded-xl border border-slate-300 bg-white px-3 py-2 text-ink placeholder:text-slate-500 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30";

export function Field({ label, hint, children, id }: { label: string; hint?: string; id: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}

export function ErrorText({ children }: { children: React.ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="rounded-xl bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
      {children}
    </p>
  );
}

/** Copies text; the label says "Copied" for a moment (and screen readers hear it). */
export function CopyButton({ text, label, className }: { text: string; label: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className={className ?? buttonClass.secondary}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setState("copied");
        } catch {
          setState("failed");
        }
        setTimeout(() => setState("idle"), 2000);
      }}
    >
      <span aria-live="polite">{state === "copied" ? t("owner.copied") : state === "failed" ? t("owner.copyFailed") : label}</span>
    </button>
  );
}

export function formatDate(sec: number) {
  return formatUnixDateTime(sec);
}
