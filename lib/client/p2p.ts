import { decodeChat, encodeChat } from "./chat-message";
import type { MediaCredentials } from "./loop-api";
import {
  Emitter,
  type DriverEvent,
  type LocalMedia,
  type MediaDriver,
  type PeerConnectionState,
  type RemoteParticipant,
  type SessionState,
} from "./media-driver";
import { classifyQuality, type Quality, type QualitySample, sampleFromStats } from "./quality";
import { forcedGlare, markOnce } from "./marks";
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

type MediaStateMessage = { type: "media"; audio: boolean; video: boolean; screen: string | null };

const STATS_EVERY_MS = 3000;
/** A link that stays disconnected this long gets an ICE restart without waiting for "failed". */
const DISCONNECTED_RESTART_MS = 4000;
/** After this long without recovering, the tile says the connection failed. */
const FAILED_AFTER_MS = 20_000;
/**
 * Who makes the first offer: the relay tells each side (`peer.offer`): the one already in the
 * session offers the moment it hears of the newcomer, the newcomer waits for that offer, so
 * the first offer leaves without glare and without a wait. The waiting side offers itself if
 * nothing came this long (a lost message); without the relay's word the polite side waits.
 * Both sides offering at once is legal (perfect negotiation resolves it) but costs a round
 * trip, and Chromium may then never gather candidates for the rolled-back side.
 */
const FIRST_OFFER_GRACE_MS = 1500;
/** Descriptions exchanged but ICE still "new" this long later: restart ICE (lost candidates). */
const ICE_STALL_MS = 3000;
/** Forced glare (test switch only): how long a first offer is held back at most. */
const GLARE_HOLD_MS = 500;
/** Chat messages kept for a peer whose channel is still opening. */
const MAX_PENDING_CHAT = 50;

/**
 * Test-only switch: `window.__loopIceTransportPolicy = "relay"` (set before the page loads)
 * makes every connection use relay (TURN) candidates only, as a peer behind a symmetric NAT
 * would. Nothing in the product sets it.
 */
function forcedTransportPolicy(): RTCIceTransportPolicy | undefined {
  if (typeof window === "undefined") return undefined;
  const v = (window as { __loopIceTransportPolicy?: unknown }).__loopIceTransportPolicy;
  return v === "relay" ? "relay" : undefined;
}

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

  on(listener: (e: DriverEvent) => void) {
    return this.events.on(listener);
  }

  connect(creds: MediaCredentials, local: LocalMedia): Promise<void> {
    this.local = local.stream;
    this.audioOn = local.audioEnabled;
    this.videoOn = local.videoEnabled;
    this.setSession("connecting");
    return new Promise<void>((resolve, reject) => {
      let welcomed = false;
      this.signal = new SignalClient(creds.sessionToken, {
        welcome: (w) => {
          this.selfId = w.self;
          this.iceServers = w.iceServers;
          // Every welcome brings fresh TURN credentials: live links use them for ICE restarts.
          for (const p of this.peers.values()) p.updateIceServers(w.iceServers);
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
      this.signal.open();
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

type PeerLinkOpts = {
  id: string;
  name: string;
  polite: boolean;
  /** "now": make the first offer at once; "wait": expect theirs; undefined: by politeness. */
  firstOffer?: "now" | "wait";
  iceServers: RTCIceServer[];
  local: MediaStream;
  screen: MediaStream | null;
  media: () => MediaStateMessage;
  send: (type: string, data: unknown) => void;
  trace: (line: string) => void;
  changed: () => void;
  chat: (message: string, sentTimestamp: string) => void;
};

/** One RTCPeerConnection to one other participant, negotiated the "perfect negotiation" way. */
class PeerLink {
  readonly id: string;
  name: string;
  readonly pc: RTCPeerConnection;
  private readonly polite: boolean;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingAnswer = false;
  private readonly text: RTCDataChannel;
  private readonly state: RTCDataChannel;
  private readonly senders = new Map<string, RTCRtpSender>();
  private screenSenders: RTCRtpSender[] = [];
  private readonly streams = new Map<string, MediaStream>();
  private remote: MediaStateMessage = { type: "media", audio: true, video: true, screen: null };
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private connection: PeerConnectionState = "connecting";
  private quality: Quality = "unknown";
  private lastSample: QualitySample | undefined;
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private failedTimer: ReturnType<typeof setTimeout> | undefined;
  private firstOfferTimer: ReturnType<typeof setTimeout> | undefined;
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  /** Forced glare only: sends the offer we are holding back. */
  private releaseHeldOffer: (() => void) | null = null;
  private closed = false;
  /** Chat frames sent before the text channel opened, in order. */
  private readonly pendingChat: string[] = [];
  /** Local candidates gathered in the current gathering round. */
  private gathered = 0;
  /** The TURN server answered 401/403 to our allocation: our credentials were refused. */
  private relayRefused = false;

  constructor(private readonly o: PeerLinkOpts) {
    this.id = o.id;
    this.name = o.name;
    this.polite = o.polite;
    const policy = forcedTransportPolicy();
    this.pc = new RTCPeerConnection({ iceServers: o.iceServers, ...(policy ? { iceTransportPolicy: policy } : {}) });
    this.text = this.pc.createDataChannel("text", { negotiated: true, id: 0 });
    this.state = this.pc.createDataChannel("state", { negotiated: true, id: 1 });
    this.text.onmessage = (e) => {
      const m = decodeChat(e.data);
      if (m) o.chat(m.message, m.sentTimestamp);
    };
    this.text.onopen = () => {
      for (const frame of this.pendingChat.splice(0)) this.text.send(frame);
    };
    this.state.onopen = () => this.sendState();
    this.state.onmessage = (e) => this.onRemoteState(e.data);

    for (const track of o.local.getTracks()) this.senders.set(track.kind, this.pc.addTrack(track, o.local));
    if (o.screen) this.addScreen(o.screen);

    this.pc.onnegotiationneeded = () => void this.makeOffer();
    this.pc.onicecandidate = ({ candidate }) => {
      o.trace(`local candidate ${candidate ? candidate.type : "end"}`);
      if (candidate) this.gathered++;
      o.send("candidate", candidate ? candidate.toJSON() : null);
    };
    this.pc.onicecandidateerror = (e) => {
      const err = e as RTCPeerConnectionIceErrorEvent;
      o.trace(`candidate error ${err.errorCode} ${err.url ?? ""} ${err.errorText ?? ""}`);
      if (err.url?.startsWith("turn") && (err.errorCode === 401 || err.errorCode === 403)) this.relayRefused = true;
    };
    this.pc.onicegatheringstatechange = () => {
      const g = this.pc.iceGatheringState;
      if (g === "gathering") this.gathered = 0;
      // Nothing to offer the other side at all (relay only, and the relay refused us): this
      // connection cannot happen, so say so now instead of spinning.
      if (g === "complete" && this.gathered === 0 && this.connection !== "connected") {
        o.trace("no local candidates");
        this.connection = "failed";
        o.changed();
      }
    };
    this.pc.ontrack = (e) => {
      markOnce("track");
      this.onTrack(e);
    };
    this.pc.onconnectionstatechange = () => this.onConnectionState();
    this.pc.oniceconnectionstatechange = () => {
      o.trace(`ice ${this.pc.iceConnectionState}`);
      if (this.pc.iceConnectionState === "connected") markOnce("iceConnected");
      if (this.pc.iceConnectionState === "failed") this.pc.restartIce();
    };
    this.pc.onsignalingstatechange = () => {
      if (this.pc.signalingState !== "stable" || !this.pc.remoteDescription) return;
      clearTimeout(this.firstOfferTimer);
      clearTimeout(this.stallTimer);
      this.stallTimer = setTimeout(() => {
        if (this.closed || this.pc.iceConnectionState !== "new") return;
        this.o.trace("ice stalled: restarting");
        this.pc.restartIce();
      }, ICE_STALL_MS);
    };
  }

  private async makeOffer() {
    if (this.closed) return;
    const first = !this.pc.remoteDescription && !this.pc.localDescription;
    if (first && forcedGlare()) {
      await this.crossingOffer();
      return;
    }
    const wait = this.o.firstOffer === undefined ? this.polite : this.o.firstOffer === "wait";
    if (first && wait) {
      // Let the impolite side open the negotiation; go first only if its offer does not come.
      this.firstOfferTimer ??= setTimeout(() => {
        if (!this.closed && !this.pc.remoteDescription && this.pc.signalingState === "stable") {
          this.o.trace("no offer came: offering first");
          void this.offer();
        }
      }, FIRST_OFFER_GRACE_MS);
      return;
    }
    await this.offer();
  }

  /**
   * Forced glare (test switch): make the offer now and hold it back until the other side's
   * offer arrives (then ours goes out first, so each side gets the other's offer while its own
   * is pending) or GLARE_HOLD_MS pass (then it goes out and the other side does the same).
   */
  private async crossingOffer() {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
    } catch (err) {
      this.o.trace(`offer failed: ${(err as Error).message}`);
      return;
    } finally {
      this.makingOffer = false;
    }
    const held = this.pc.localDescription;
    const release = () => {
      clearTimeout(timer);
      this.releaseHeldOffer = null;
      // Rolled back meanwhile (their offer won): ours is void.
      if (this.closed || this.pc.signalingState !== "have-local-offer" || this.pc.localDescription?.type !== "offer") return;
      this.o.trace("sent offer (held for glare)");
      markOnce("offerSent");
      this.o.send("description", held?.toJSON());
    };
    const timer = setTimeout(release, GLARE_HOLD_MS);
    this.releaseHeldOffer = release;
  }

  private async offer() {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.o.trace(`sent ${this.pc.localDescription?.type}`);
      markOnce("offerSent");
      this.o.send("description", this.pc.localDescription?.toJSON());
    } catch (err) {
      // A concurrent remote offer won; negotiationneeded fires again if still needed.
      this.o.trace(`offer failed: ${(err as Error).message}`);
    } finally {
      this.makingOffer = false;
    }
  }

  /** Applies one signaling message; false if a description could not be applied at all. */
  async handle(type: string, data: unknown): Promise<boolean> {
    if (this.closed) return true;
    if (type === "restart") {
      this.pc.restartIce();
      return true;
    }
    if (type === "candidate") {
      const c = data as RTCIceCandidateInit | null;
      if (!this.pc.remoteDescription) {
        if (c) this.pendingCandidates.push(c);
        this.o.trace(`candidate queued (${this.pendingCandidates.length})`);
        return true;
      }
      try {
        await this.pc.addIceCandidate(c ?? undefined);
      } catch (err) {
        // Candidates of an offer we ignored fail here by design.
        if (!this.ignoreOffer) this.o.trace(`candidate failed: ${(err as Error).message}`);
      }
      return true;
    }
    if (type !== "description") return true;
    const desc = data as RTCSessionDescriptionInit;
    if (!desc || (desc.type !== "offer" && desc.type !== "answer")) return true;
    if (desc.type === "offer") this.releaseHeldOffer?.();
    // Perfect negotiation: a colliding offer is dropped by the impolite side and wins on the
    // polite side (setRemoteDescription rolls our own offer back).
    const readyForOffer = !this.makingOffer && (this.pc.signalingState === "stable" || this.settingAnswer);
    const collision = desc.type === "offer" && !readyForOffer;
    this.ignoreOffer = !this.polite && collision;
    this.o.trace(`got ${desc.type} in ${this.pc.signalingState}${collision ? " (collision)" : ""}${this.ignoreOffer ? " ignored" : ""}`);
    if (this.ignoreOffer) return true;
    try {
      this.settingAnswer = desc.type === "answer";
      markOnce(desc.type === "offer" ? "offerReceived" : "answerReceived");
      await this.pc.setRemoteDescription(desc);
      this.settingAnswer = false;
      const pending = this.pendingCandidates.splice(0);
      for (const c of pending) await this.pc.addIceCandidate(c).catch(() => {});
      if (desc.type === "offer") {
        await this.pc.setLocalDescription();
        this.o.trace(`sent ${this.pc.localDescription?.type}`);
        this.o.send("description", this.pc.localDescription?.toJSON());
      }
      return true;
    } catch (err) {
      this.o.trace(`applying ${desc.type} failed: ${(err as Error).message}`);
      this.settingAnswer = false;
      return desc.type !== "offer";
    }
  }

  /** New ICE servers (fresh TURN credentials) for the next gathering round. */
  updateIceServers(iceServers: RTCIceServer[]) {
    if (this.closed) return;
    try {
      this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
    } catch (err) {
      this.o.trace(`setConfiguration failed: ${(err as Error).message}`);
    }
  }

  private onTrack(e: RTCTrackEvent) {
    const stream = e.streams[0] ?? new MediaStream([e.track]);
    this.streams.set(stream.id, stream);
    stream.onremovetrack = () => {
      if (stream.getTracks().length === 0) this.streams.delete(stream.id);
      this.o.changed();
    };
    e.track.onunmute = () => this.o.changed();
    this.o.changed();
  }

  private onRemoteState(raw: unknown) {
    try {
      const m = JSON.parse(String(raw)) as Partial<MediaStateMessage>;
      if (m.type !== "media") return;
      this.remote = {
        type: "media",
        audio: m.audio !== false,
        video: m.video !== false,
        screen: typeof m.screen === "string" ? m.screen : null,
      };
      this.o.changed();
    } catch {
      /* not ours */
    }
  }

  private onConnectionState() {
    const s = this.pc.connectionState;
    clearTimeout(this.disconnectedTimer);
    if (s === "connected") {
      markOnce("connected");
      clearTimeout(this.failedTimer);
      this.failedTimer = undefined;
      this.connection = "connected";
    } else if (s === "disconnected" || s === "failed") {
      if (this.connection === "connected" || this.connection === "connecting") this.connection = "reconnecting";
      if (s === "disconnected") {
        this.disconnectedTimer = setTimeout(() => {
          if (this.pc.connectionState === "disconnected") this.pc.restartIce();
        }, DISCONNECTED_RESTART_MS);
      } else {
        this.pc.restartIce();
      }
      this.failedTimer ??= setTimeout(() => {
        if (this.pc.connectionState !== "connected") {
          this.connection = "failed";
          this.o.changed();
        }
      }, FAILED_AFTER_MS);
    }
    this.o.changed();
  }

  sendState() {
    if (this.state.readyState === "open") this.state.send(JSON.stringify(this.o.media()));
  }

  /**
   * A message typed while this peer's channel is still opening (just after joining) waits for
   * it instead of being lost; one typed after the channel closed is not sent.
   */
  sendChat(frame: string) {
    if (this.text.readyState === "open") {
      this.text.send(frame);
      return true;
    }
    if (this.text.readyState !== "connecting" || this.pendingChat.length >= MAX_PENDING_CHAT) return false;
    this.pendingChat.push(frame);
    return true;
  }

  async replaceLocalTrack(kind: "audio" | "video", track: MediaStreamTrack) {
    const sender = this.senders.get(kind);
    if (sender) await sender.replaceTrack(track);
    else this.senders.set(kind, this.pc.addTrack(track, this.o.local));
  }

  addScreen(stream: MediaStream) {
    this.removeScreen();
    this.screenSenders = stream.getTracks().map((t) => this.pc.addTrack(t, stream));
  }

  removeScreen() {
    for (const s of this.screenSenders) {
      try {
        this.pc.removeTrack(s);
      } catch {
        /* connection already closed */
      }
    }
    this.screenSenders = [];
  }

  async sampleQuality() {
    if (this.pc.connectionState !== "connected") return;
    try {
      const sample = sampleFromStats(await this.pc.getStats());
      this.quality = classifyQuality(this.lastSample, sample);
      this.lastSample = sample;
    } catch {
      /* closed meanwhile */
    }
  }

  snapshot(): RemoteParticipant {
    const live = [...this.streams.values()].filter((s) => s.getTracks().some((t) => t.readyState === "live"));
    const screen = this.remote.screen ? live.find((s) => s.id === this.remote.screen) ?? null : null;
    // The camera stream is the one that is not the screen; before the first state message
    // arrives, a lone stream is taken as the camera.
    const others = live.filter((s) => s !== screen && s.id !== this.remote.screen);
    return {
      id: this.id,
      name: this.name,
      camera: others[0] ?? null,
      screen,
      audioEnabled: this.remote.audio,
      videoEnabled: this.remote.video,
      connection: this.connection,
      ...(this.connection === "failed" && this.relayRefused ? { failure: "relay-refused" as const } : {}),
      quality: this.connection === "connected" ? this.quality : "unknown",
    };
  }

  close() {
    this.closed = true;
    clearTimeout(this.disconnectedTimer);
    clearTimeout(this.failedTimer);
    clearTimeout(this.firstOfferTimer);
    clearTimeout(this.stallTimer);
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.close();
  }
}
