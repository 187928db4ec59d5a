"use client";
import { useEffect, useRef, useState } from "react";
import type { PeerConnectionState } from "@/lib/client/media/media-driver";
import type { Quality } from "@/lib/client/media/quality";
import { t } from "@/lib/i18n";
import { MicOffIcon, SignalIcon, SpeakerIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";

/**
 * One participant (or one shared screen) on the stage. The <video> element also plays the
 * participant's sound, so it stays mounted when their camera is off; our own tile is muted
 * and mirrored like a mirror.
 */
export type TileProps = {
  stream: MediaStream | null;
  name: string;
  self?: boolean;
  screen?: boolean;
  audioEnabled?: boolean;
  videoEnabled?: boolean;
  connection?: PeerConnectionState;
  /** Why the connection failed, when known (shown in words on the tile). */
  failure?: "relay-refused";
  quality?: Quality;
  speakerId?: string;
  testId?: string;
  className?: string;
};

const qualityLevel: Record<Quality, 0 | 1 | 2 | 3> = { unknown: 0, poor: 1, fair: 2, good: 3 };
const qualityColor: Record<Quality, string> = {
  unknown: "text-slate-300",
  poor: "text-red-300",
  fair: "text-amber-300",
  good: "text-emerald-300",
};

export function VideoTile({
  stream,
  name,
  self = false,
  screen = false,
  audioEnabled = true,
  videoEnabled = true,
  connection = "connected",
  failure,
  quality = "unknown",
  speakerId,
  testId,
  className = "",
}: TileProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [hasFrames, setHasFrames] = useState(false);
  const [soundBlocked, setSoundBlocked] = useState(false);

  useEffect(() => {
    const v = video.current;
    if (!v) return;
    if (v.srcObject !== stream) v.srcObject = stream;
    setHasFrames(false);
    if (!stream) return;
    v.play().catch((err: Error) => {
      // Autoplay with sound can be refused until the person interacts with the page.
      if (err.name === "NotAllowedError" && !self) setSoundBlocked(true);
    });
  }, [stream, self]);

  useEffect(() => {
    const v = video.current as (HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (!v || self || !speakerId || !v.setSinkId) return;
    v.setSinkId(speakerId).catch(() => {});
  }, [speakerId, self]);

  const showVideo = !!stream && videoEnabled && stream.getVideoTracks().length > 0;
  const label = self ? (name ? t("guest.call.you", { name }) : t("guest.call.youAlone")) : screen ? t("guest.call.sharing", { name }) : name;
  const initials = name.trim().slice(0, 1).toUpperCase() || "?";

  return (
    <figure
      className={`relative isolate min-h-0 overflow-hidden rounded-2xl bg-slate-800 ${className}`}
      data-testid={testId}
      data-participant={name}
    >
      <video
        ref={video}
        autoPlay
        playsInline
        muted={self}
        onLoadedData={() => setHasFrames(true)}
        className={`size-full ${screen ? "object-contain" : "object-cover"} ${self && !screen ? "-scale-x-100" : ""} ${
          showVideo ? "" : "invisible"
        }`}
      />
      {!showVideo && (
        <div aria-hidden className="absolute inset-0 grid place-items-center">
          <span className="grid size-16 place-items-center rounded-full bg-slate-600 text-2xl font-semibold text-white sm:size-20">
            {initials}
          </span>
        </div>
      )}
      {showVideo && !hasFrames && connection !== "failed" && (
        <div className="absolute inset-0 grid place-items-center text-white">
          <Spinner label={t("guest.call.peerConnecting")} delayMs={300} />
        </div>
      )}
      {(connection === "reconnecting" || connection === "failed" || (connection === "connecting" && !stream)) && (
        <div className="absolute inset-x-0 top-0 bg-slate-900/75 px-3 py-1.5 text-center text-sm text-white">
          {connection === "failed"
            ? failure === "relay-refused"
              ? t("guest.call.peerFailedRelay")
              : t("guest.call.peerFailed")
            : connection === "reconnecting"
              ? t("guest.call.peerReconnecting")
              : t("guest.call.peerConnecting")}
        </div>
      )}
      {soundBlocked && (
        <button
          type="button"
          onClick={() => {
            setSoundBlocked(false);
            void video.current?.play();
          }}
          className="absolute inset-0 m-auto flex h-11 w-fit items-center gap-2 rounded-full bg-white px-4 font-semibold text-slate-900 shadow"
        >
          <SpeakerIcon /> {name}
        </button>
      )}
      <figcaption className="absolute bottom-2 start-2 flex max-w-[calc(100%-1rem)] items-center gap-1.5 rounded-lg bg-slate-900/75 px-2 py-1 text-sm text-white">
        {!screen && !audioEnabled && (
          <span title={t("guest.call.muted")} className="shrink-0 text-red-300">
            <MicOffIcon className="size-4" />
            <span className="sr-only">{t("guest.call.muted")}</span>
          </span>
        )}
        <span className="truncate">{label}</span>
        {!self && !screen && quality !== "unknown" && (
          <span title={t(`guest.call.quality.${quality}`)} className={`shrink-0 ${qualityColor[quality]}`} data-quality={quality}>
            <SignalIcon level={qualityLevel[quality]} />
            <span className="sr-only">{t(`guest.call.quality.${quality}`)}</span>
          </span>
        )}
        {!screen && !videoEnabled && <span className="sr-only">{t("guest.call.noVideo")}</span>}
      </figcaption>
    </figure>
  );
}
