"use client";

import { useEffect, useRef } from "react";
import { InCallView } from "@/components/call/in-call-view";
import { CallLinkOffer } from "@/components/contacts/call-link-offer";
import { Spinner } from "@/components/ui/spinner";
import type { EndReason, OwnerCall, OwnerCallState } from "@/lib/client/calls/owner-call";
import { useStore } from "@/lib/client/use-store";
import { t } from "@/lib/i18n";
import { useOwner } from "../dashboard/owner-context";
import { buttonClass } from "@/components/ui/button";

/** What happened, in words: "Bob declined the call", "No answer from Bob", … */
export function callOutcome(s: OwnerCallState): string {
  const name = s.peerName;
  const r: EndReason | null = s.reason;
  if (s.endedBy === "self") return r === "cancel" ? t("owner.call.cancelled") : r === "reject" ? t("owner.call.youDeclined") : t("owner.call.ended");
  switch (r) {
    case "reject":
      return t("owner.call.declined", { name });
    case "busy":
      return t("owner.call.busy", { name });
    case "timeout":
      return s.direction === "out" ? t("owner.call.noAnswer", { name }) : t("owner.call.missed", { name });
    case "cancel":
      return t("owner.call.missed", { name });
    case "unavailable":
      return t("owner.call.unavailable", { name });
    case "media-fail":
      return t("owner.call.mediaFail");
    case "failed":
      return t("owner.call.failed");
    default:
      return t("owner.call.ended");
  }
}

function status(s: OwnerCallState) {
  if (s.phase === "ended") return callOutcome(s);
  if (s.phase === "calling") return s.progress === "alerting" ? t("owner.call.ringingPeer", { name: s.peerName }) : t("owner.call.calling", { name: s.peerName });
  if (s.phase === "connecting") return t("owner.call.connecting");
  return t("owner.call.live", { name: s.peerName });
}

/**
 * The owner's call screen over the dashboard, for direct and call-link calls: the same
 * in-call view as rooms (control bar, chat, screen sharing, device settings, names and
 * self-view), with the call's progress in words under the title; then the outcome.
 */
export function CallView({ call, onClose }: { call: OwnerCall; onClose: () => void }) {
  const s = useStore(call);
  const m = useStore(call.media);
  const owner = useOwner();
  const ref = useRef<HTMLDialogElement>(null);
  const peer = m.participants[0];
  const hadPeer = useRef(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  // The other side left the media session: the conversation is over.
  useEffect(() => {
    if (peer) hadPeer.current = true;
    else if (hadPeer.current && s.phase === "live") call.peerLeft();
  }, [peer, s.phase, call]);

  const text = status(s);
  const statusLine = (
    <p role="status" aria-live="polite" data-testid="call-status">
      {text}
    </p>
  );

  return (
    <dialog
      ref={ref}
      aria-labelledby="call-title"
      data-testid="call-view"
      onCancel={(e) => e.preventDefault()}
      className="m-0 h-dvh max-h-none w-screen max-w-none overflow-hidden bg-slate-950 p-0 text-white backdrop:bg-slate-950"
    >
      {s.phase === "ended" ? (
        <div className="flex h-full flex-col items-center justify-center gap-4 px-4 text-center">
          <h2 id="call-title" className="break-words text-2xl font-semibold">
            {s.peerName}
          </h2>
          <div className="text-lg text-slate-200">{statusLine}</div>
          {s.reason === "unavailable" && s.direction === "out" && <CallLinkOffer callerId={s.peerId} name={s.peerName} />}
          <button type="button" className={buttonClass("primary")} onClick={onClose} autoFocus>
            {t("owner.close")}
          </button>
        </div>
      ) : (
        <InCallView
          call={call.media}
          selfName={owner.user.name || owner.user.email}
          title={s.peerName}
          titleId="call-title"
          status={statusLine}
          waiting={
            s.phase === "live" && peer ? undefined : (
              <section className="flex flex-col items-center justify-center gap-4 rounded-2xl bg-slate-800 p-6 text-center" aria-label={text}>
                <Spinner label={text} className="size-10" />
                <p aria-hidden className="text-xl font-semibold">
                  {text}
                </p>
              </section>
            )
          }
          onLeave={() => call.hangUp()}
          leaveLabel={s.phase === "calling" ? t("owner.call.cancel") : t("owner.call.hangUp")}
        />
      )}
    </dialog>
  );
}
