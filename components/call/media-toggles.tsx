import type { ReactNode } from "react";
import type { CallSession, CallState } from "@/lib/client/call/call-session";
import { t } from "@/lib/i18n";
import { MicIcon, MicOffIcon, VideoIcon, VideoOffIcon } from "@/components/ui/icons";

/**
 * The microphone and camera toggles, described once for the pre-join preview and the call's
 * toolbar (each draws its own buttons). A toggle keeps a fixed name and reports its state
 * with aria-pressed (pressed = turned off); it is disabled when there is no such track.
 */
export type MediaToggle = {
  kind: "audio" | "video";
  label: string;
  shortcut: string;
  on: boolean;
  available: boolean;
  icon: ReactNode;
  toggle: () => void;
};

/** What the toggles show and do: each kind's state, whether there is such a track, the toggle. */
export type MediaState = {
  audioEnabled: boolean;
  videoEnabled: boolean;
  hasAudio: boolean;
  hasVideo: boolean;
  onToggleAudio: () => void;
  onToggleVideo: () => void;
};

/** A call session's media state (`s`, read from its store) and its switches. */
export function sessionMedia(call: CallSession, s: CallState): MediaState {
  return {
    audioEnabled: s.audioEnabled,
    videoEnabled: s.videoEnabled,
    hasAudio: !!s.local?.getAudioTracks().length,
    hasVideo: !!s.local?.getVideoTracks().length,
    onToggleAudio: () => call.setAudioEnabled(!s.audioEnabled),
    onToggleVideo: () => call.setVideoEnabled(!s.videoEnabled),
  };
}

export function mediaToggles(m: MediaState): MediaToggle[] {
  return [
    {
      kind: "audio",
      label: t("guest.call.mute"),
      shortcut: "M",
      on: m.audioEnabled,
      available: m.hasAudio,
      icon: m.audioEnabled ? <MicIcon /> : <MicOffIcon />,
      toggle: m.onToggleAudio,
    },
    {
      kind: "video",
      label: t("guest.call.cameraOff"),
      shortcut: "V",
      on: m.videoEnabled,
      available: m.hasVideo,
      icon: m.videoEnabled ? <VideoIcon /> : <VideoOffIcon />,
      toggle: m.onToggleVideo,
    },
  ];
}
