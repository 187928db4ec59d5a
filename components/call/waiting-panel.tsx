"use client";
import { useState } from "react";
import { t } from "@/lib/i18n";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";

/** "You're the only one here", with the link to share (the room key included). */
export function WaitingPanel({ link }: { link: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      // Clipboard refused (permissions, old browser): select the text so Ctrl+C works.
      const el = document.getElementById("room-link") as HTMLInputElement | null;
      el?.select();
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2500);
  }
  return (
    <section
      className="flex flex-col justify-center gap-3 rounded-2xl bg-slate-800 p-5 text-white"
      aria-labelledby="waiting-title"
      data-testid="waiting"
    >
      <h2 id="waiting-title" className="text-xl font-semibold">
        {t("guest.waiting.title")}
      </h2>
      <p className="text-slate-200">{t("guest.waiting.body")}</p>
      <div className="flex min-w-0 gap-2">
        <label htmlFor="room-link" className="sr-only">
          {t("guest.waiting.linkLabel")}
        </label>
        <input
          id="room-link"
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          className="min-h-11 min-w-0 flex-1 rounded-xl border border-slate-600 bg-slate-900 px-3 text-sm text-slate-100"
        />
        <button
          type="button"
          onClick={copy}
          className="inline-flex min-h-11 shrink-0 items-center gap-2 rounded-xl bg-white px-4 font-semibold text-slate-900 hover:bg-slate-100"
        >
          {copied ? <CheckIcon /> : <CopyIcon />}
          <span>{copied ? t("guest.copied") : t("guest.copy")}</span>
        </button>
      </div>
      <p role="status" className="sr-only">
        {copied ? t("guest.copied") : ""}
      </p>
    </section>
  );
}
