"use client";
import type { ReactNode } from "react";
import type { RemoteParticipant } from "@/lib/client/media/media-driver";
import { t } from "@/lib/i18n";
import { VideoTile } from "./video-tile";

/**
 * The call's stage: everyone in a responsive grid (self included), or, while someone shares
 * a screen, the screen large with the people in a strip beside or below it.
 */
export function VideoStage({
  participants,
  local,
  selfName,
  audioEnabled,
  videoEnabled,
  sharing,
  speakerId,
  overlay,
}: {
  participants: RemoteParticipant[];
  local: MediaStream | null;
  selfName: string;
  audioEnabled: boolean;
  videoEnabled: boolean;
  sharing: boolean;
  speakerId?: string;
  /** Shown in the grid while nobody else is here (the waiting panel). */
  overlay?: ReactNode;
}) {
  const presenter = participants.find((p) => p.screen);
  const self = (
    <VideoTile
      key="self"
      stream={local}
      name={selfName}
      self
      audioEnabled={audioEnabled}
      videoEnabled={videoEnabled}
      testId="tile-self"
    />
  );
  const people = participants.map((p) => (
    <VideoTile
      key={p.id}
      stream={p.camera}
      name={p.name || t("guest.call.someone")}
      audioEnabled={p.audioEnabled}
      videoEnabled={p.videoEnabled}
      connection={p.connection}
      failure={p.failure}
      quality={p.quality}
      speakerId={speakerId}
      testId="tile-remote"
    />
  ));

  if (presenter?.screen) {
    return (
      <div className="flex min-h-0 flex-1 flex-col gap-2 p-2 lg:flex-row" data-layout="screen">
        <VideoTile
          stream={presenter.screen}
          name={presenter.name || t("guest.call.someone")}
          screen
          testId="tile-screen"
          className="min-h-48 flex-[3]"
        />
        <div className="flex shrink-0 gap-2 overflow-x-auto lg:w-64 lg:flex-col lg:overflow-y-auto [&>figure]:aspect-video [&>figure]:w-40 [&>figure]:shrink-0 lg:[&>figure]:w-full">
          {self}
          {people}
        </div>
        {sharing && <p className="sr-only">{t("guest.call.youSharing")}</p>}
      </div>
    );
  }

  const alone = participants.length === 0 && !!overlay;
  const count = alone ? 2 : participants.length + 1;
  // Columns by tile count: phones stack up to two, then a 2-column grid; wider screens go to 3.
  const cols =
    count === 1 ? "grid-cols-1" : count === 2 ? "grid-cols-1 sm:grid-cols-2" : count <= 4 ? "grid-cols-2" : "grid-cols-2 lg:grid-cols-3";
  return (
    <div className={`grid min-h-0 flex-1 auto-rows-fr gap-2 p-2 ${cols}`} data-layout="grid">
      {alone ? (
        <>
          {overlay}
          {self}
        </>
      ) : (
        <>
          {people}
          {self}
        </>
      )}
    </div>
  );
}
