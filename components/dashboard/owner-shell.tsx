"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { t } from "@/lib/i18n";
import { formatList } from "@/lib/i18n/format";
import { roomLink, roomTitle } from "@/lib/client/rooms/owner-rooms";
import { AccountMenu } from "./account-menu";
import { CallCenter, type CallCenterHandle } from "../calls/call-center";
import { VerifyEmailBanner } from "../account/email-status";
import { NotificationsPrompt, showSystemNotification } from "./notifications";
import { OwnerContext, type OwnerBoot, type OwnerCtx } from "./owner-context";
import { type Toast, Toasts } from "@/components/ui/toasts";
import { useRoomsStore, type Arrival } from "../rooms/use-rooms-store";
import { LogoMark } from "@/components/ui/logo";

const NAV = [
  { href: "/dashboard", key: "owner.nav.rooms" },
  { href: "/dashboard/links", key: "owner.nav.links" },
  { href: "/dashboard/contacts", key: "owner.nav.contacts" },
  { href: "/dashboard/account", key: "owner.nav.account" },
] as const;

/**
 * The frame of every signed-in page: navigation, the live event stream (rooms, arrivals,
 * incoming calls), toasts and the call screens. It lives in the layouts, so moving between
 * Rooms, Call links and Contacts keeps the stream and any ringing or call going.
 */
export function OwnerShell({ boot, children }: { boot: OwnerBoot; children: React.ReactNode }) {
  const pathname = usePathname();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const calls = useRef<CallCenterHandle>(null);

  const toast = useCallback((tt: Omit<Toast, "id">) => {
    setToasts((list) => [...list.slice(-4), { ...tt, id: crypto.randomUUID() }]);
  }, []);
  const dismiss = useCallback((id: string) => setToasts((list) => list.filter((x) => x.id !== id)), []);

  const onArrival = useCallback(
    ({ room, guests }: Arrival) => {
      const name = roomTitle(room, t("owner.rooms.lockedName"));
      const who = formatList(guests.map((g) => g.displayName || t("owner.rooms.guest")));
      const text = t("owner.arrival.text", { who, room: name });
      toast({ text, action: { label: t("owner.rooms.join"), href: `/${room.roomToken}${room.roomKey ? `#${room.roomKey}` : ""}` } });
      showSystemNotification(t("owner.arrival.notificationTitle"), text, `arrival-${room.roomToken}`, roomLink(room));
    },
    [toast],
  );
  const rooms = useRoomsStore(boot.user.id, onArrival);

  const ctx: OwnerCtx = useMemo(
    () => ({
      ...boot,
      rooms,
      toast,
      notify: (title, body, tag) => showSystemNotification(title, body, tag),
      callPerson: (email, name) => calls.current?.callPerson(email, name),
    }),
    [boot, rooms, toast],
  );

  return (
    <OwnerContext.Provider value={ctx}>
      <div className="flex min-h-dvh flex-col">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2 sm:px-6">
            <Link href="/dashboard" className="flex items-center gap-2 rounded-lg py-1 font-semibold">
              <LogoMark />
              Loop
            </Link>
            <nav aria-label={t("owner.nav.label")} className="order-3 -mx-3 w-[calc(100%+1.5rem)] overflow-x-auto sm:order-none sm:mx-0 sm:w-auto">
              <ul className="flex gap-1 px-3 sm:px-0">
                {NAV.map((n) => {
                  const active = n.href === "/dashboard" ? pathname === "/dashboard" : pathname.startsWith(n.href);
                  return (
                    <li key={n.href}>
                      <Link
                        href={n.href}
                        aria-current={active ? "page" : undefined}
                        className={`block whitespace-nowrap rounded-lg px-3 py-2 text-sm font-medium ${
                          active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"
                        }`}
                      >
                        {t(n.key)}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
            <AccountMenu user={boot.user} />
          </div>
        </header>
        <NotificationsPrompt />
        <VerifyEmailBanner />
        <main className="mx-auto w-full max-w-5xl flex-1 px-3 py-6 sm:px-6">{children}</main>
        <Toasts toasts={toasts} dismiss={dismiss} />
        <CallCenter ref={calls} />
      </div>
    </OwnerContext.Provider>
  );
}
