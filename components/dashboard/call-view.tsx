"use client";

import { useEffect, useRef } from "react";
import { VideoTile } from "@/components/call/video-tile";
import type { EndReason, OwnerCall, OwnerCallState } from "@/lib/client/owner-call";
import { useStore } from "@/lib/client/use-store";
import { t } from "@/lib/i18n";
import { buttonClass } from "./ui";

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

/** The call screen over the dashboard: status in words, both videos, mute, camera, hang up. */
export function CallView({ call, onClose }: { call: OwnerCall; onClose: () => void }) {
  const s = useStore(call);
  const m = useStore(call.media);
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

  return (
    <dialog
      ref={ref}
      aria-labelledby="call-title"
      data-testid="call-view"
      onCancel={(e) => e.preventDefault()}
      className="m-0 h-dvh max-h-none w-screen max-w-none bg-slate-950 p-0 text-white backdrop:bg-slate-950"
    >
      <div className="flex h-full flex-col">
        <div className="flex flex-wrap items-baseline gap-x-3 px-4 py-3">
          <h2 id="call-title" className="text-lg font-semibold">
            {s.peerName}
          </h2>
          <p role="status" aria-live="polite" data-testid="call-status" className="text-slate-200">
            {status(s)}
          </p>
        </div>
        <div className="relative min-h-0 flex-1 px-3">
          {s.phase !== "ended" && (
            <VideoTile
              stream={peer?.camera ?? null}
              name={s.peerName}
              audioEnabled={peer?.audioEnabled ?? true}
              videoEnabled={peer?.videoEnabled ?? true}
              connection={peer?.connection ?? "connecting"}
              quality={peer?.quality}
              testId="remote-video"
              className="h-full w-full"
            />
          )}
          {s.phase !== "ended" && m.local && (
            <div className="absolute bottom-3 end-6 w-32 sm:w-48">
              <VideoTile stream={m.local} name={t("owner.call.you")} self audioEnabled={m.audioEnabled} videoEnabled={m.videoEnabled} testId="local-video" />
            </div>
          )}
        </div>
        <div className="flex flex-wrap justify-center gap-3 px-4 py-4">
          {s.phase === "ended" ? (
            <button type="button" className={buttonClass.primary} onClick={onClose} autoFocus>
              {t("owner.close")}
            </button>
          ) : (
            <>
              <button type="button" aria-pressed={!m.audioEnabled} className={buttonClass.secondary} onClick={() => call.media.setAudioEnabled(!m.audioEnabled)}>
                {m.audioEnabled ? t("owner.call.mute") : t("owner.call.unmute")}
              </button>
              <button type="button" aria-pressed={!m.videoEnabled} className={buttonClass.secondary} onClick={() => call.media.setVideoEnabled(!m.videoEnabled)}>
                {m.videoEnabled ? t("owner.call.cameraOff") : t("owner.call.cameraOn")}
              </button>
              <button type="button" className={buttonClass.danger} onClick={() => call.hangUp()}>
                {s.phase === "calling" ? t("owner.call.cancel") : t("owner.call.hangUp")}
              </button>
            </>
          )}
        </div>
      </div>
    </dialog>
  );
}
