import { createDriver, warmDriver } from "../media/create-driver";
import {
  classifyMediaError,
  listDevices,
  type DeviceLists,
  type MediaFailure,
  openLocalMedia,
  openTrack,
  screenShareSupported,
  stopStream,
} from "../media/local-media";
import type { MediaCredentials } from "../loop-api";
import type { MediaDriver, RemoteParticipant, SessionState } from "../media/media-driver";
import { loadPrefs, savePrefs } from "./prefs";
import type { RoomLiveEvent } from "../room-events";
import { Store } from "../store";

/**
 * One person's side of a call, whatever the page (room or call link) and whatever the
 * provider: their camera and microphone (from the pre-join preview on), the media driver,
 * the other participants, chat, mute/camera/screen state. Pages render its snapshot.
 */

export type MediaStatus = "idle" | "asking" | "live" | "none" | MediaFailure;

export type ChatEntry = { id: number; from: string | null; name: string; text: string; at: number };

export type CallState = {
  media: MediaStatus;
  local: MediaStream | null;
  /** What the person wants: kept while the camera is being (re)opened. */
  audioEnabled: boolean;
  videoEnabled: boolean;
  screen: MediaStream | null;
  devices: DeviceLists;
  audioInput: string | undefined;
  videoInput: string | undefined;
  audioOutput: string | undefined;
  session: SessionState;
  selfId: string | null;
  participants: RemoteParticipant[];
  chat: ChatEntry[];
};

const MAX_CHAT_ENTRIES = 500;

export type DebugHook = { peerConnections(): RTCPeerConnection[]; log(): string[]; marks: Record<string, number> };

/** For tests and diagnostics: window.__loopDebug has the live peer connections and timing marks. */
function debugHost() {
  return window as unknown as { __loopDebug?: DebugHook };
}

export class CallSession extends Store<CallState> {
  private driver: MediaDriver | null = null;
  /** Made at the Join click, before the join answers (see prepare()). */
  private warm: MediaDriver | null = null;
  private offDriver: (() => void) | null = null;
  private chatSeq = 0;
  private mediaRequest = 0;
  readonly screenShareSupported = screenShareSupported();
  onSessionEvent: ((e: { kind: "participants" | "session"; state: CallState }) => void) | null = null;
  /** Room changes that came on the media session's channel (p2p signaling). */
  onRoomEvent: ((e: RoomLiveEvent) => void) | null = null;

  constructor() {
    const prefs = typeof window === "undefined" ? {} : loadPrefs();
    super({
      media: "idle",
      local: null,
      audioEnabled: true,
      videoEnabled: true,
      screen: null,
      devices: { audioInput: [], videoInput: [], audioOutput: [] },
      audioInput: prefs.audioInput,
      videoInput: prefs.videoInput,
      audioOutput: prefs.audioOutput,
      session: "idle",
      selfId: null,
      participants: [],
      chat: [],
    });
    if (typeof window !== "undefined") {
      const host = debugHost();
      host.__loopDebug = {
        peerConnections: () => this.driver?.peerConnections() ?? [],
        log: () => this.driver?.diagnostics?.() ?? [],
        marks: host.__loopDebug?.marks ?? {},
      };
    }
  }

  /** Opens camera and microphone for the preview and the call. */
  async openMedia(want: { audio: boolean; video: boolean } = { audio: true, video: true }) {
    const req = ++this.mediaRequest;
    this.set({ media: "asking" });
    try {
      const s = this.state;
      const stream = await openLocalMedia(want, { audioInput: s.audioInput, videoInput: s.videoInput });
      if (req !== this.mediaRequest) {
        stopStream(stream);
        return;
      }
      stream.getAudioTracks().forEach((t) => (t.enabled = this.state.audioEnabled));
      stream.getVideoTracks().forEach((t) => (t.enabled = this.state.videoEnabled));
      stopStream(this.state.local);
      this.set({ local: stream, media: stream.getTracks().length ? "live" : "none" });
      await this.refreshDevices();
    } catch (err) {
      if (req !== this.mediaRequest) return;
      this.set({ media: classifyMediaError(err) });
    }
  }

  /** Goes on without camera and microphone (listen and chat only). */
  continueWithoutMedia() {
    this.mediaRequest++;
    stopStream(this.state.local);
    this.set({ local: new MediaStream(), media: "none" });
  }

  closeMedia() {
    this.mediaRequest++;
    stopStream(this.state.local);
    this.stopScreenShare();
    this.set({ local: null, media: "idle" });
  }

  async refreshDevices() {
    try {
      this.set({ devices: await listDevices() });
    } catch {
      /* the pickers stay as they were */
    }
  }

  setAudioEnabled(on: boolean) {
    this.state.local?.getAudioTracks().forEach((t) => (t.enabled = on));
    this.driver?.setAudioEnabled(on);
    this.set({ audioEnabled: on });
  }

  setVideoEnabled(on: boolean) {
    this.state.local?.getVideoTracks().forEach((t) => (t.enabled = on));
    this.driver?.setVideoEnabled(on);
    this.set({ videoEnabled: on });
  }

  /** Switches camera or microphone; in a call the new track replaces the old one in place. */
  async selectDevice(kind: "audio" | "video", deviceId: string) {
    savePrefs(kind === "audio" ? { audioInput: deviceId } : { videoInput: deviceId });
    this.set(kind === "audio" ? { audioInput: deviceId } : { videoInput: deviceId });
    const local = this.state.local;
    if (!local || this.state.media !== "live") return;
    const old = kind === "audio" ? local.getAudioTracks() : local.getVideoTracks();
    // Release the old device first: some cameras cannot be opened twice.
    old.forEach((t) => t.stop());
    try {
      const track = await openTrack(kind, deviceId);
      track.enabled = kind === "audio" ? this.state.audioEnabled : this.state.videoEnabled;
      if (this.driver) {
        await this.driver.replaceTrack(kind, track);
      } else {
        old.forEach((t) => local.removeTrack(t));
        local.addTrack(track);
      }
      // A new MediaStream object makes the preview and the meter pick up the change.
      this.set({ local: new MediaStream(local.getTracks()) });
    } catch (err) {
      this.set({ media: classifyMediaError(err) });
    }
  }

  selectSpeaker(deviceId: string) {
    savePrefs({ audioOutput: deviceId });
    this.set({ audioOutput: deviceId });
  }

  async startScreenShare(): Promise<boolean> {
    if (!this.screenShareSupported || this.state.screen) return false;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch {
      return false; // the person cancelled the picker
    }
    const track = stream.getVideoTracks()[0];
    if (track) {
      track.contentHint = "detail";
      // The browser's own "Stop sharing" button ends the track.
      track.addEventListener("ended", () => this.stopScreenShare());
    }
    this.set({ screen: stream });
    await this.driver?.startScreenShare(stream);
    return true;
  }

  stopScreenShare() {
    const s = this.state.screen;
    if (!s) return;
    stopStream(s);
    this.driver?.stopScreenShare();
    this.set({ screen: null });
  }

  private localMedia() {
    return { stream: this.state.local ?? new MediaStream(), audioEnabled: this.state.audioEnabled, videoEnabled: this.state.videoEnabled };
  }

  /** At the Join click, while the join request is in flight: the media side starts warming up. */
  prepare() {
    this.warm?.disconnect();
    this.warm = warmDriver();
    this.warm.prepare?.(this.localMedia());
  }

  /** The join failed: what prepare() made is dropped. */
  unprepare() {
    this.warm?.disconnect();
    this.warm = null;
  }

  /** Connects to the media session with the current camera and microphone. */
  async start(creds: MediaCredentials) {
    const warm = this.warm;
    this.warm = null;
    this.stop();
    let driver: MediaDriver;
    try {
      driver = await createDriver(creds.provider, warm);
    } catch (err) {
      void creds.signalEvents?.cancel().catch(() => {});
      throw err;
    }
    this.driver = driver;
    this.offDriver = driver.on((e) => {
      if (this.driver !== driver) return;
      if (e.type === "session") {
        this.set({ session: e.state });
        this.onSessionEvent?.({ kind: "session", state: this.state });
      } else if (e.type === "participants") {
        this.set({ participants: e.participants });
        this.onSessionEvent?.({ kind: "participants", state: this.state });
      } else if (e.type === "room") {
        this.onRoomEvent?.(e.event);
      } else if (e.type === "self") {
        this.set({ selfId: e.id });
      } else if (e.type === "chat") {
        this.pushChat({ from: e.chat.from, name: e.chat.name, text: e.chat.message });
      }
    });
    await driver.connect(creds, this.localMedia());
    if (this.state.screen) await driver.startScreenShare(this.state.screen);
  }

  /** Leaves the media session (camera stays open: the page decides). */
  stop() {
    this.unprepare();
    this.offDriver?.();
    this.offDriver = null;
    this.driver?.disconnect();
    this.driver = null;
    this.set({ session: "idle", participants: [], selfId: null });
  }

  sendChat(text: string, selfName: string) {
    const message = text.trim();
    if (!message) return;
    this.driver?.sendChat(message);
    this.pushChat({ from: null, name: selfName, text: message });
  }

  private pushChat(e: Omit<ChatEntry, "id" | "at">) {
    // Ordered by our own receive time (ref §6: peers' clocks differ).
    const chat = [...this.state.chat, { ...e, id: ++this.chatSeq, at: Date.now() }].slice(-MAX_CHAT_ENTRIES);
    this.set({ chat });
  }

  clearChat() {
    this.set({ chat: [] });
  }

  mark(name: string) {
    const hook = typeof window === "undefined" ? undefined : debugHost().__loopDebug;
    if (hook) hook.marks[name] = performance.now();
  }
}
