"use client";

import { useEffect, useState } from "react";
import { t } from "@/lib/i18n";
import { buttonClass } from "@/components/ui/button";

/**
 * System notifications, only when the tab is hidden (a visible tab has the in-page dialog and
 * toasts) and only when the person allowed them, asked for with a button, never on load.
 */
export function showSystemNotification(title: string, body: string, tag: string, href?: string) {
  if (typeof Notification === "undefined" || Notification.permission !== "granted" || !document.hidden) return null;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      if (href) window.location.href = href;
      n.close();
    };
    return n;
  } catch {
    return null;
  }
}

export function NotificationsPrompt() {
  const [state, setState] = useState<NotificationPermission | "unsupported" | "dismissed" | null>(null);
  useEffect(() => {
    if (typeof Notification === "undefined") setState("unsupported");
    else setState(localStorage.getItem("loop.notifications.dismissed") ? "dismissed" : Notification.permission);
  }, []);
  if (state !== "default") return null;
  return (
    <div className="border-b border-brand-100 bg-brand-50">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-3 px-3 py-2 text-sm sm:px-6">
        <p className="min-w-0 flex-1">{t("owner.notifications.ask")}</p>
        <button type="button" className={buttonClass("secondary")} onClick={async () => setState(await Notification.requestPermission())}>
          {t("owner.notifications.enable")}
        </button>
        <button
          type="button"
          className={buttonClass("ghost")}
          onClick={() => {
            localStorage.setItem("loop.notifications.dismissed", "1");
            setState("dismissed");
          }}
        >
          {t("owner.notifications.notNow")}
        </button>
      </div>
    </div>
  );
}
