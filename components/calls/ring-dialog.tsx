"use client";

import { useEffect, useRef } from "react";
import type { OwnerCall } from "@/lib/client/calls/owner-call";
import { useStore } from "@/lib/client/use-store";
import { t } from "@/lib/i18n";
import { PhoneIcon, VideoIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/button";

/** The in-page ring: who is calling, Accept and Decline. Focus goes to Accept. */
export function RingDialog({ call }: { call: OwnerCall }) {
  const s = useStore(call);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-labelledby="ring-title"
      aria-describedby="ring-desc"
      data-testid="ring-dialog"
      onCancel={(e) => e.preventDefault()}
      className="m-auto w-[calc(100%-1.5rem)] max-w-sm rounded-3xl bg-white p-6 text-center text-ink shadow-2xl backdrop:bg-slate-900/60"
    >
      <div aria-hidden data-testid="ring-icon" className="mx-auto mb-4 grid size-16 animate-pulse place-items-center rounded-full bg-brand-100 text-brand-700">
        {s.callType === "audio" ? <PhoneIcon className="size-8" /> : <VideoIcon className="size-8" />}
      </div>
      <h2 id="ring-title" className="break-words text-xl font-semibold">
        {t("owner.ring.incoming", { name: s.peerName })}
      </h2>
      <p id="ring-desc" className="mt-1 text-slate-600">
        {s.callType === "audio" ? t("owner.ring.audio") : t("owner.ring.video")}
        {s.peerName !== s.peerId && <span className="block break-all text-sm">{s.peerId}</span>}
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <button type="button" className={`${buttonClass("danger")} min-w-28`} onClick={() => call.decline()}>
          {t("owner.ring.decline")}
        </button>
        {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
        <button type="button" autoFocus className={`${buttonClass("primary")} min-w-28 bg-emerald-700 hover:bg-emerald-800`} onClick={() => void call.accept()}>
          {t("owner.ring.accept")}
        </button>
      </div>
    </dialog>
  );
}
