"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { t } from "@/lib/i18n";

/**
 * The person's menu in the dashboard header, on every signed-in page: who is signed in, the
 * Account page, and Sign out. A disclosure button (Escape or a click outside closes it).
 */
export function AccountMenu({ user }: { user: { name: string; email: string } }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const label = user.name || user.email;
  return (
    <div ref={root} className="relative ms-auto min-w-0" data-testid="account-menu">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="flex min-h-11 max-w-[12rem] items-center gap-2 rounded-full py-1 ps-1 pe-3 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:max-w-[16rem]"
      >
        <span aria-hidden className="grid size-8 shrink-0 place-items-center rounded-full bg-brand-100 font-semibold text-brand-700">
          {label.trim().charAt(0).toUpperCase() || "?"}
        </span>
        <span className="truncate">
          {label}
          <span className="sr-only"> — {t("owner.menu.label")}</span>
        </span>
      </button>
      <div
        id={id}
        hidden={!open}
        className="absolute end-0 top-full z-40 mt-2 w-72 max-w-[calc(100vw-1.5rem)] rounded-2xl bg-white p-4 text-start shadow-xl ring-1 ring-slate-200"
      >
        <p className="truncate font-semibold text-ink">{user.name}</p>
        <p className="truncate text-sm text-slate-600">{user.email}</p>
        <div className="mt-4 flex flex-col gap-2">
          <Link
            href="/dashboard/account"
            onClick={() => setOpen(false)}
            className="min-h-11 rounded-xl px-3 py-3 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            {t("owner.menu.account")}
          </Link>
          <SignOutButton className="min-h-11 rounded-xl bg-slate-900 px-3 py-3 text-sm font-semibold text-white hover:bg-slate-800 disabled:opacity-70" />
        </div>
      </div>
    </div>
  );
}
