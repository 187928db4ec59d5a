"use client";
import type { CallSession, CallState } from "@/lib/client/call/call-session";
import { speakerSelectionSupported, trackDeviceId } from "@/lib/client/media/local-media";
import { t } from "@/lib/i18n";
import { MicIcon, SpeakerIcon, VideoIcon } from "@/components/ui/icons";
import { SelectField, type SelectOption } from "@/components/ui/field";

function options(devices: MediaDeviceInfo[], kind: string): SelectOption[] {
  return devices.map((d, i) => ({ value: d.deviceId, label: d.label || t("guest.devices.unnamed", { kind, n: i + 1 }) }));
}

/** Camera, microphone and speaker choices; a picker appears only when there is a choice. */
export function DevicePickers({ call, state, dark = false }: { call: CallSession; state: CallState; dark?: boolean }) {
  const { devices, local } = state;
  const camera = trackDeviceId(local, "video") ?? state.videoInput ?? "";
  const mic = trackDeviceId(local, "audio") ?? state.audioInput ?? "";
  const speakers = speakerSelectionSupported() ? devices.audioOutput : [];
  const show = devices.videoInput.length > 0 || devices.audioInput.length > 0 || speakers.length > 1;
  if (!show) return null;
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
      {devices.videoInput.length > 0 && (
        <SelectField
          dark={dark}
          label={t("guest.devices.camera")}
          icon={<VideoIcon className="size-4" />}
          options={options(devices.videoInput, t("guest.devices.camera"))}
          value={camera}
          onChange={(e) => void call.selectDevice("video", e.target.value)}
          data-testid="pick-camera"
        />
      )}
      {devices.audioInput.length > 0 && (
        <SelectField
          dark={dark}
          label={t("guest.devices.microphone")}
          icon={<MicIcon className="size-4" />}
          options={options(devices.audioInput, t("guest.devices.microphone"))}
          value={mic}
          onChange={(e) => void call.selectDevice("audio", e.target.value)}
          data-testid="pick-microphone"
        />
      )}
      {speakers.length > 0 && (
        <SelectField
          dark={dark}
          label={t("guest.devices.speaker")}
          icon={<SpeakerIcon className="size-4" />}
          options={options(speakers, t("guest.devices.speaker"))}
          value={state.audioOutput ?? speakers[0]?.deviceId ?? ""}
          onChange={(e) => call.selectSpeaker(e.target.value)}
          data-testid="pick-speaker"
        />
      )}
    </div>
  );
}
