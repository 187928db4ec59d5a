"use client";

import { useEffect, useId, useRef } from "react";
import { t } from "@/lib/i18n";
import { buttonClass } from "./button";

/**
 * A modal dialog on the native <dialog> element: focus moves in and is trapped by the
 * browser, Escape closes, the page behind is inert.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  wide,
  role = "dialog",
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
  wide?: boolean;
  role?: "dialog" | "alertdialog";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto w-[calc(100%-1.5rem)] ${wide ? "max-w-2xl" : "max-w-md"} rounded-2xl bg-white p-0 text-ink shadow-xl backdrop:bg-slate-900/50`}
    >
      {open && (
        <div className="flex max-h-[90dvh] flex-col">
          <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            <button type="button" onClick={onClose} className="rounded-lg px-2 py-1 text-xl leading-none text-slate-600 hover:bg-slate-100" aria-label={t("owner.close")}>
              ×
            </button>
          </div>
          <div className="overflow-y-auto px-5 py-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}

/** A dialog's footer: Cancel (calls `onCancel`), then the dialog's own action buttons. */
export function DialogActions({ onCancel, children }: { onCancel: () => void; children: React.ReactNode }) {
  return (
    <div className="flex justify-end gap-2">
      <button type="button" className={buttonClass("secondary")} onClick={onCancel}>
        {t("owner.cancel")}
      </button>
      {children}
    </div>
  );
}
