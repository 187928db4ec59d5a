"use client";

import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Menu } from "@/components/ui/menu";
import { t } from "@/lib/i18n";

/**
 * The person's menu in the dashboard header, on every signed-in page: who is signed in, the
 * Account page, and Sign out. A disclosure button (Escape or a click outside closes it).
 */
export function AccountMenu({ user }: { user: { name: string; email: string } }) {
  const label = user.name || user.email;
  return (
    <Menu
      className="relative ms-auto min-w-0"
      testId="account-menu"
      buttonClassName="flex min-h-11 max-w-[12rem] items-center gap-2 rounded-full py-1 ps-1 pe-3 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:max-w-[16rem]"
      panelClassName="w-72 max-w-[calc(100vw-1.5rem)] p-4"
      button={
        <>
          <span aria-hidden className="grid size-8 shrink-0 place-items-center rounded-full bg-brand-100 font-semibold text-brand-700">
            {label.trim().charAt(0).toUpperCase() || "?"}
          </span>
          <span className="truncate">
            {label}
            <span className="sr-only"> — {t("owner.menu.label")}</span>
          </span>
        </>
      }
    >
      {(close) => (
        <>
          <p className="truncate font-semibold text-ink">{user.name}</p>
          <p className="truncate text-sm text-slate-600">{user.email}</p>
          <div className="mt-4 flex flex-col gap-2">
            <Link
              href="/dashboard/account"
              onClick={close}
              className="min-h-11 rounded-xl px-3 py-3 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
            >
              {t("owner.menu.account")}
            </Link>
            <SignOutButton className="min-h-11 rounded-xl bg-slate-900 px-3 py-3 text-sm font-semibold text-white hover:bg-slate-800 disabled:opacity-70" />
          </div>
        </>
      )}
    </Menu>
  );
}
