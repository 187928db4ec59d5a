import type OT from "@opentok/client";
import { decodeChat, encodeChat } from "../chat-message";
import type { MediaCredentials } from "../loop-api";
import {
  Emitter,
  type DriverEvent,
  type LocalMedia,
  type MediaDriver,
  type RemoteParticipant,
  type SessionState,
} from "./media-driver";
import type { Quality } from "./quality";

/**
 * The OpenTok (Vonage Video) driver, behind the same interface as p2p. `@opentok/client` is a
 * 2.7 MB browser-only bundle, so it is imported on connect, never at page load.
 *
 * The SDK's default UI is off: publishers take our own tracks, subscribers hand us their
 * MediaStream (`mediaStreamAvailable`), so the page renders every provider's video the same
 * way. Chat travels as OpenTok signals of type "chat" carrying the Loop message JSON (ref §6).
 */

type OTModule = typeof OT;
type Person = {
  id: string;
  name: string;
  camera?: { stream: OT.Stream; sub?: OT.Subscriber; media: MediaStream | null };
  screen?: { stream: OT.Stream; sub?: OT.Subscriber; media: MediaStream | null };
  quality: Quality;
  connected: boolean;
};

const CHAT_SIGNAL = "chat";

function nameFromConnection(c: OT.Connection): string {
  try {
    const d = JSON.parse(c.data || "{}");
    return typeof d.name === "string" ? d.name : "";
  } catch {
    return "";
  }
}

export class OpenTokDriver implements MediaDriver {
  private readonly events = new Emitter<DriverEvent>();
  private ot: OTModule | null = null;
  private session: OT.Session | null = null;
  private publisher: OT.Publisher | null = null;
  private screenPublisher: OT.Publisher | null = null;
  private readonly people = new Map<string, Person>();
  private local: MediaStream = new MediaStream();
  private audioOn = true;
  private videoOn = true;
  private state: SessionState = "idle";
  private qualityTimer: ReturnType<typeof setInterval> | undefined;

  on(listener: (e: DriverEvent) => void) {
    return this.events.on(listener);
  }

  private setState(s: SessionState) {
    if (this.state === s) return;
    this.state = s;
    this.events.emit({ type: "session", state: s });
  }

  async connect(creds: MediaCredentials, local: LocalMedia) {
    this.local = local.stream;
    this.audioOn = local.audioEnabled;
    this.videoOn = local.videoEnabled;
    this.setState("connecting");
    const mod = await import("@opentok/client");
    const ot = ((mod as unknown as { default?: OTModule }).default ?? mod) as OTModule;
    this.ot = ot;
    const session = ot.initSession(creds.apiKey, creds.sessionId);
    this.session = session;

    session.on("connectionCreated", (e) => {
      if (e.connection.connectionId === session.connection?.connectionId) return;
      this.person(e.connection);
      this.changed();
    });
    session.on("connectionDestroyed", (e) => {
      this.people.delete(e.connection.connectionId);
      this.changed();
    });
    session.on("streamCreated", (e) => this.subscribe(e.stream));
    session.on("streamDestroyed", (e) => {
      const p = this.people.get(e.stream.connection.connectionId);
      if (!p) return;
      if (p.camera?.stream.streamId === e.stream.streamId) p.camera = undefined;
      if (p.screen?.stream.streamId === e.stream.streamId) p.screen = undefined;
      this.changed();
    });
    session.on("streamPropertyChanged", () => this.changed());
    session.on(`signal:${CHAT_SIGNAL}`, (e) => {
      if (!e.from || e.from.connectionId === session.connection?.connectionId) return;
      const m = decodeChat(e.data);
      if (!m) return;
      const p = this.person(e.from);
      this.events.emit({ type: "chat", chat: { from: p.id, name: p.name, message: m.message, sentTimestamp: m.sentTimestamp } });
    });
    session.on("sessionReconnecting", () => this.setState("reconnecting"));
    session.on("sessionReconnected", () => this.setState("connected"));
    session.on("sessionDisconnected", () => {
      // Network loss or a forced disconnect ends the call; our own disconnect() sets idle first.
      if (this.state !== "idle") this.setState("failed");
    });

    await session.connect.promise(creds.sessionToken);
    if (session.connection) this.events.emit({ type: "self", id: session.connection.connectionId });
    this.setState("connected");

    const audio = this.local.getAudioTracks()[0];
    const video = this.local.getVideoTracks()[0];
    if (audio || video) {
      this.publisher = ot.initPublisher(undefined, {
        insertDefaultUI: false,
        audioSource: audio ?? false,
        videoSource: video ?? false,
        publishAudio: this.audioOn,
        publishVideo: this.videoOn,
      });
      await session.publish.promise(this.publisher);
    }
    this.qualityTimer = setInterval(() => void this.sampleQuality(), 3000);
  }

  private person(c: OT.Connection): Person {
    let p = this.people.get(c.connectionId);
    if (!p) {
      p = { id: c.connectionId, name: nameFromConnection(c), quality: "unknown", connected: true };
      this.people.set(c.connectionId, p);
    }
    return p;
  }

  private subscribe(stream: OT.Stream) {
    if (!this.session) return;
    const p = this.person(stream.connection);
    const slot = { stream, media: null as MediaStream | null, sub: undefined as OT.Subscriber | undefined };
    if (stream.videoType === "screen") p.screen = slot;
    else p.camera = slot;
    const sub = this.session.subscribe(stream, undefined, { insertDefaultUI: false });
    slot.sub = sub;
    sub.on("mediaStreamAvailable", (e) => {
      slot.media = e.mediaStream;
      this.changed();
    });
    sub.on("disconnected", () => {
      p.connected = false;
      this.changed();
    });
    sub.on("connected", () => {
      p.connected = true;
      this.changed();
    });
    this.changed();
  }

  private async sampleQuality() {
    for (const p of this.people.values()) {
      const sub = p.camera?.sub;
      if (!sub) continue;
      try {
        const stats = await sub.getStats();
        const a = stats.audio;
        const v = stats.video;
        const lost = (a?.packetsLost ?? 0) + (v?.packetsLost ?? 0);
        const recv = (a?.packetsReceived ?? 0) + (v?.packetsReceived ?? 0);
        const loss = recv + lost > 0 ? lost / (recv + lost) : 0;
        p.quality = loss > 0.08 ? "poor" : loss > 0.02 ? "fair" : "good";
      } catch {
        p.quality = "unknown";
      }
    }
    this.changed();
  }

  private changed() {
    const participants: RemoteParticipant[] = [...this.people.values()].map((p) => ({
      id: p.id,
      name: p.name,
      camera: p.camera?.media ?? null,
      screen: p.screen?.media ?? null,
      audioEnabled: p.camera ? p.camera.stream.hasAudio : false,
      videoEnabled: p.camera ? p.camera.stream.hasVideo : false,
      connection: p.connected ? "connected" : "reconnecting",
      quality: p.quality,
    }));
    this.events.emit({ type: "participants", participants });
  }

  setAudioEnabled(on: boolean) {
    this.audioOn = on;
    this.local.getAudioTracks().forEach((t) => (t.enabled = on));
    this.publisher?.publishAudio(on);
  }

  setVideoEnabled(on: boolean) {
    this.videoOn = on;
    this.local.getVideoTracks().forEach((t) => (t.enabled = on));
    this.publisher?.publishVideo(on);
  }

  async replaceTrack(kind: "audio" | "video", track: MediaStreamTrack) {
    for (const old of kind === "audio" ? this.local.getAudioTracks() : this.local.getVideoTracks()) this.local.removeTrack(old);
    this.local.addTrack(track);
    if (!this.publisher) return;
    if (kind === "audio") await this.publisher.setAudioSource(track);
    else {
      const id = track.getSettings().deviceId;
      if (id) await this.publisher.setVideoSource(id);
    }
  }

  async startScreenShare(stream: MediaStream) {
    if (!this.ot || !this.session) return;
    const track = stream.getVideoTracks()[0];
    if (!track) return;
    this.screenPublisher = this.ot.initPublisher(undefined, {
      insertDefaultUI: false,
      videoSource: track,
      audioSource: false,
      videoContentHint: "detail",
    } as OT.PublisherProperties);
    await this.session.publish.promise(this.screenPublisher);
  }

  stopScreenShare() {
    if (this.screenPublisher && this.session) this.session.unpublish(this.screenPublisher);
    this.screenPublisher?.destroy();
    this.screenPublisher = null;
  }

  sendChat(message: string) {
    if (!this.session || this.people.size === 0) return false;
    void this.session.signal({ type: CHAT_SIGNAL, data: encodeChat(message) });
    return true;
  }

  disconnect() {
    this.setState("idle");
    clearInterval(this.qualityTimer);
    this.stopScreenShare();
    if (this.publisher && this.session) this.session.unpublish(this.publisher);
    this.publisher?.destroy();
    this.publisher = null;
    void this.session?.disconnect();
    this.session = null;
    this.people.clear();
  }

  peerConnections(): RTCPeerConnection[] {
    return [];
  }
}
