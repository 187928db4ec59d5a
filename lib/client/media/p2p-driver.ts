import type { MediaCredentials } from "../loop-api";
import { encodeChat } from "../chat-message";
import { Emitter, type DriverEvent, type LocalMedia, type MediaDriver, type SessionState } from "./media-driver";
import { markOnce, trialVariant } from "./marks";
import { PeerLink, sameIceServers, warmConnection, type MediaStateMessage } from "./peer-link";
import { SignalClient, type SignalMessage } from "./signal-client";

/**
 * The p2p driver: a WebRTC mesh (one RTCPeerConnection per other participant) negotiated with
 * the "perfect negotiation" pattern over our signaling relay. Polite = our id sorts after
 * theirs, so both ends agree without a round trip. ICE restarts on failure.
 *
 * Two negotiated data channels ride on each connection: "text" (id 0) carries Loop chat
 * messages (contract §8); "state" (id 1) carries our media state (muted, camera off, which
 * stream is the shared screen) so the other side can label what it receives.
 */

const STATS_EVERY_MS = 3000;
/** After a link took the warm connection, the next one is made this much later (not during its set-up). */
const REWARM_AFTER_MS = 2000;

export class P2pDriver implements MediaDriver {
  private readonly events = new Emitter<DriverEvent>();
  private signal: SignalClient | null = null;
  private readonly peers = new Map<string, PeerLink>();
  private selfId = "";
  private iceServers: RTCIceServer[] = [];
  private local: MediaStream = new MediaStream();
  private screen: MediaStream | null = null;
  private audioOn = true;
  private videoOn = true;
  private session: SessionState = "idle";
  /** The last signaling steps, for diagnostics (window.__loopDebug.log()). */
  private readonly traceLines: string[] = [];
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private emitQueued = false;
  /** A peer connection made ahead of need (see warmConnection()), for the next link. */
  private spare: RTCPeerConnection | null = null;
  private rewarmTimer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;

  on(listener: (e: DriverEvent) => void) {
    return this.events.on(listener);
  }

  /**
   * Before the join answer: a peer connection is built and starts gathering now, so the first
   * link does not wait for its certificate and candidates. connect() does the same if this was
   * not called.
   */
  prepare(local: LocalMedia) {
    this.local = local.stream;
    this.audioOn = local.audioEnabled;
    this.videoOn = local.videoEnabled;
    this.warm();
  }

  private warm() {
    // The "classic" A/B trial (bench:join) measures the join without it.
    if (this.ended || this.spare || trialVariant() === "classic") return;
    markOnce("warm");
    this.spare = warmConnection(this.iceServers);
  }

  private takeSpare() {
    const pc = this.spare;
    this.spare = null;
    clearTimeout(this.rewarmTimer);
    this.rewarmTimer = setTimeout(() => this.warm(), REWARM_AFTER_MS);
    if (trialVariant() === "classic") {
      pc?.close();
      return undefined;
    }
    return pc ?? undefined;
  }

  connect(creds: MediaCredentials, local: LocalMedia): Promise<void> {
    this.prepare(local);
    this.setSession("connecting");
    return new Promise<void>((resolve, reject) => {
      let welcomed = false;
      this.signal = new SignalClient(creds.sessionToken, {
        welcome: (w) => {
          this.selfId = w.self;
          this.iceServers = w.iceServers;
          // Every welcome brings fresh TURN credentials: live links use them for ICE restarts.
          for (const p of this.peers.values()) p.updateIceServers(w.iceServers);
          const spare = this.spare;
          if (spare && !sameIceServers(spare.getConfiguration().iceServers ?? [], w.iceServers)) {
            try {
              spare.setConfiguration({ ...spare.getConfiguration(), iceServers: w.iceServers });
            } catch {
              spare.close();
              this.spare = null;
            }
          }
          this.events.emit({ type: "self", id: w.self });
          this.setSession("connected");
          if (!welcomed) {
            welcomed = true;
            resolve();
          }
        },
        peer: (p) => this.onPeer(p.id, p.name, p.offer),
        peerLeft: (id) => this.removePeer(id),
        signal: (m) => void this.onSignal(m),
        room: (e) => this.events.emit({ type: "room", event: e }),
        replaced: () => {
          this.teardown();
          this.setSession("replaced");
        },
        reconnecting: () => {
          if (welcomed) this.setSession("reconnecting");
        },
        failed: () => {
          this.setSession("failed");
          if (!welcomed) reject(new Error("signaling unavailable"));
        },
      });
      // The join's own stream when it brought one (loopApi.joinRoomOnStream), else a new one.
      if (creds.signalEvents) this.signal.adopt(creds.signalEvents);
      else this.signal.open();
    }).then(() => {
      this.statsTimer = setInterval(() => void this.sampleQuality(), STATS_EVERY_MS);
    });
  }

  private trace(line: string) {
    this.traceLines.push(`${Math.round(performance.now())} ${line}`);
    if (this.traceLines.length > 300) this.traceLines.splice(0, 100);
  }

  diagnostics() {
    return [...this.traceLines];
  }

  private setSession(state: SessionState) {
    if (this.session === state) return;
    this.session = state;
    this.events.emit({ type: "session", state });
  }

  private onPeer(id: string, name: string, offer?: boolean) {
    if (id === this.selfId) return;
    const existing = this.peers.get(id);
    this.trace(`peer ${id.slice(0, 8)} ${existing ? `known (${existing.pc.connectionState})` : "new"}`);
    if (existing) {
      if (name) existing.name = name;
      // Our own stream reconnected, or theirs did: a live link is kept; a dead one is rebuilt.
      if (existing.pc.connectionState !== "failed" && existing.pc.connectionState !== "closed") {
        this.changed();
        return;
      }
      this.removePeer(id, false);
    }
    markOnce("peer");
    this.addPeer(id, name, offer === undefined ? undefined : offer ? "now" : "wait");
  }

  private addPeer(id: string, name: string, firstOffer?: "now" | "wait") {
    const link = new PeerLink({
      id,
      name,
      polite: this.selfId > id,
      firstOffer,
      iceServers: this.iceServers,
      pc: this.takeSpare(),
      local: this.local,
      screen: this.screen,
      media: () => this.mediaState(),
      send: (type, data) => void this.signal?.send(id, type, data),
      trace: (line) => this.trace(`${id.slice(0, 8)} ${line}`),
      changed: () => this.changed(),
      chat: (message, sentTimestamp) =>
        this.events.emit({ type: "chat", chat: { from: id, name: link.name, message, sentTimestamp } }),
    });
    this.peers.set(id, link);
    this.changed();
    return link;
  }

  private removePeer(id: string, notify = true) {
    const link = this.peers.get(id);
    if (!link) return;
    link.close();
    this.peers.delete(id);
    this.signal?.forget(id);
    if (notify) this.changed();
  }

  private async onSignal(m: SignalMessage) {
    if (m.type === "bye") {
      this.removePeer(m.from);
      return;
    }
    let link = this.peers.get(m.from);
    // A message can overtake the "peer" event announcing its sender.
    if (!link) {
      if (m.type !== "description") return;
      // Their offer is here: ours would only collide with it.
      link = this.addPeer(m.from, "", "wait");
    }
    const ok = await link.handle(m.type, m.data);
    if (!ok && m.type === "description") {
      // Their side started over (a reload as the same participant): a fresh connection takes
      // the offer the old one could not.
      const name = link.name;
      this.removePeer(m.from, false);
      await this.addPeer(m.from, name, "wait").handle(m.type, m.data);
    }
  }

  private mediaState(): MediaStateMessage {
    return { type: "media", audio: this.audioOn, video: this.videoOn, screen: this.screen?.id ?? null };
  }

  /** Coalesces the many small changes of a negotiation into one update per task. */
  private changed() {
    if (this.emitQueued) return;
    this.emitQueued = true;
    queueMicrotask(() => {
      this.emitQueued = false;
      this.events.emit({ type: "participants", participants: [...this.peers.values()].map((p) => p.snapshot()) });
    });
  }

  setAudioEnabled(on: boolean) {
    this.audioOn = on;
    this.local.getAudioTracks().forEach((t) => (t.enabled = on));
    this.broadcastState();
  }

  setVideoEnabled(on: boolean) {
    this.videoOn = on;
    this.local.getVideoTracks().forEach((t) => (t.enabled = on));
    this.broadcastState();
  }

  private broadcastState() {
    for (const p of this.peers.values()) p.sendState();
  }

  async replaceTrack(kind: "audio" | "video", track: MediaStreamTrack) {
    for (const old of kind === "audio" ? this.local.getAudioTracks() : this.local.getVideoTracks()) {
      this.local.removeTrack(old);
    }
    track.enabled = kind === "audio" ? this.audioOn : this.videoOn;
    this.local.addTrack(track);
    await Promise.all([...this.peers.values()].map((p) => p.replaceLocalTrack(kind, track)));
  }

  async startScreenShare(stream: MediaStream) {
    this.screen = stream;
    for (const p of this.peers.values()) p.addScreen(stream);
    this.broadcastState();
  }

  stopScreenShare() {
    if (!this.screen) return;
    this.screen = null;
    for (const p of this.peers.values()) p.removeScreen();
    this.broadcastState();
  }

  sendChat(message: string) {
    const frame = encodeChat(message);
    let sent = false;
    for (const p of this.peers.values()) sent = p.sendChat(frame) || sent;
    return sent;
  }

  private async sampleQuality() {
    await Promise.all([...this.peers.values()].map((p) => p.sampleQuality()));
    this.changed();
  }

  private teardown() {
    this.ended = true;
    clearTimeout(this.rewarmTimer);
    this.spare?.close();
    this.spare = null;
    clearInterval(this.statsTimer);
    this.signal?.close();
    for (const p of this.peers.values()) p.close();
    this.peers.clear();
    this.changed();
  }

  disconnect() {
    // "bye" lets the others drop our tile at once instead of waiting for the relay to notice.
    for (const id of this.peers.keys()) void this.signal?.send(id, "bye", null);
    this.teardown();
    this.setSession("idle");
  }

  peerConnections() {
    return [...this.peers.values()].map((p) => p.pc);
  }
}
