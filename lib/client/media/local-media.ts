/**
 * The camera and microphone: support checks, opening them with a fallback when one kind is
 * missing, device lists and failure reasons a person can act on.
 */

export type Support = "ok" | "no-webrtc" | "insecure";

export function mediaSupport(): Support {
  if (typeof window === "undefined") return "ok";
  // Browsers hide mediaDevices entirely outside a secure context (https or localhost).
  if (!window.isSecureContext) return "insecure";
  if (!navigator.mediaDevices?.getUserMedia || typeof RTCPeerConnection === "undefined") return "no-webrtc";
  return "ok";
}

export function screenShareSupported() {
  return typeof navigator !== "undefined" && !!navigator.mediaDevices?.getDisplayMedia;
}

/** Why the camera/microphone could not be opened. */
export type MediaFailure = "denied" | "no-device" | "in-use" | "error";

export function classifyMediaError(err: unknown): MediaFailure {
  const name = (err as { name?: string })?.name ?? "";
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError") return "no-device";
  if (name === "NotReadableError" || name === "TrackStartError" || name === "AbortError") return "in-use";
  return "error";
}

export type DeviceChoice = { audioInput?: string; videoInput?: string };

const VIDEO: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

function constraint(base: MediaTrackConstraints | true, deviceId?: string): MediaTrackConstraints | true {
  if (!deviceId) return base;
  return { ...(base === true ? {} : base), deviceId: { exact: deviceId } };
}

/**
 * Opens camera and microphone. A device that is missing (no camera on this computer) is left
 * out rather than failing the whole request; a refusal is a refusal.
 */
export async function openLocalMedia(want: { audio: boolean; video: boolean }, choice: DeviceChoice = {}): Promise<MediaStream> {
  const md = navigator.mediaDevices;
  const audio = want.audio ? constraint(true, choice.audioInput) : false;
  const video = want.video ? constraint(VIDEO, choice.videoInput) : false;
  if (!audio && !video) return new MediaStream();
  try {
    return await md.getUserMedia({ audio, video });
  } catch (err) {
    const why = classifyMediaError(err);
    // A chosen device that went away: fall back to the default one.
    if (why === "no-device" && (choice.audioInput || choice.videoInput)) return openLocalMedia(want, {});
    if (why !== "no-device" || !audio || !video) throw err;
    // One of the two kinds is missing: take the other alone.
    try {
      return await md.getUserMedia({ audio });
    } catch {
      return await md.getUserMedia({ video });
    }
  }
}

/** Opens one kind again (a device switch), honouring the choice. */
export async function openTrack(kind: "audio" | "video", deviceId?: string): Promise<MediaStreamTrack> {
  const s = await navigator.mediaDevices.getUserMedia(
    kind === "audio" ? { audio: constraint(true, deviceId) } : { video: constraint(VIDEO, deviceId) },
  );
  return kind === "audio" ? s.getAudioTracks()[0] : s.getVideoTracks()[0];
}

export type DeviceLists = { audioInput: MediaDeviceInfo[]; videoInput: MediaDeviceInfo[]; audioOutput: MediaDeviceInfo[] };

export async function listDevices(): Promise<DeviceLists> {
  const all = navigator.mediaDevices?.enumerateDevices ? await navigator.mediaDevices.enumerateDevices() : [];
  // Labels are empty until permission is granted; entries without an id are placeholders.
  const usable = all.filter((d) => d.deviceId);
  return {
    audioInput: usable.filter((d) => d.kind === "audioinput"),
    videoInput: usable.filter((d) => d.kind === "videoinput"),
    audioOutput: usable.filter((d) => d.kind === "audiooutput"),
  };
}

export function speakerSelectionSupported() {
  return typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;
}

export function stopStream(s: MediaStream | null | undefined) {
  s?.getTracks().forEach((t) => t.stop());
}

/** The device a track is using, for the pickers' current value. */
export function trackDeviceId(s: MediaStream | null, kind: "audio" | "video"): string | undefined {
  const t = kind === "audio" ? s?.getAudioTracks()[0] : s?.getVideoTracks()[0];
  return t?.getSettings().deviceId;
}
