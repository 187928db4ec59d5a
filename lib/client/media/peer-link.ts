import { decodeChat } from "../chat-message";
import type { PeerConnectionState, RemoteParticipant } from "./media-driver";
import { forcedGlare, markOnce } from "./marks";
import { classifyQuality, type Quality, type QualitySample, sampleFromStats } from "./quality";

/**
 * One link of the p2p mesh (./p2p-driver.ts): one RTCPeerConnection to one other participant,
 * negotiated the "perfect negotiation" way, with its two negotiated data channels ("text":
 * chat, "state": our media state) and its recovery (ICE restarts, failure after a while).
 */

/** What the "state" channel carries: our media state, so the other side can label what it receives. */
export type MediaStateMessage = { type: "media"; audio: boolean; video: boolean; screen: string | null };

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

/**
 * A peer connection made before anyone is there to talk to: built while the join request is
 * in flight (and, once in the call, ready for the next newcomer), so the page's first
 * RTCPeerConnection (WebRTC's start-up in the browser) and its DTLS certificate are done by the
 * time a link needs them. Nothing is added to it until a link adopts it: `negotiationneeded`
 * must reach the link's own handler. Candidates are not pre-gathered: with
 * `iceCandidatePoolSize: 1` bench:join measured slower ICE and DTLS than without a warm
 * connection at all (docs/performance.md), so the pool is not used.
 */
export function warmConnection(iceServers: RTCIceServer[]): RTCPeerConnection {
  const policy = forcedTransportPolicy();
  return new RTCPeerConnection({ iceServers, ...(policy ? { iceTransportPolicy: policy } : {}) });
}

/** Whether two ICE server lists are the same (a warm connection keeps its pool if so). */
export function sameIceServers(a: RTCIceServer[], b: RTCIceServer[]) {
  return JSON.stringify(a) === JSON.stringify(b);
}

export type PeerLinkOpts = {
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
  /** A warm connection (warmConnection()) to use instead of making a new one. */
  pc?: RTCPeerConnection;
};

/** One RTCPeerConnection to one other participant, negotiated the "perfect negotiation" way. */
export class PeerLink {
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
  /** Forced glare only: an offer that came before ours was made waits for ours (resolves that wait). */
  private ownOfferMade: (() => void) | null = null;
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
    if (o.pc && o.pc.signalingState === "stable" && !o.pc.localDescription) {
      this.pc = o.pc;
      // Made before the welcome's TURN credentials: this gathering round gets them too.
      if (!sameIceServers(this.pc.getConfiguration().iceServers ?? [], o.iceServers)) this.updateIceServers(o.iceServers);
      o.trace("warm connection");
    } else {
      o.pc?.close();
      this.pc = new RTCPeerConnection({ iceServers: o.iceServers, ...(policy ? { iceTransportPolicy: policy } : {}) });
    }
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
    this.ownOfferMade?.();
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
    if (desc.type === "offer" && forcedGlare() && !this.pc.localDescription && !this.pc.remoteDescription) {
      // Forced glare: their offer came before ours was even made (a fast side); ours is made
      // first, so the two still cross.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, GLARE_HOLD_MS);
        this.ownOfferMade = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.ownOfferMade = null;
      if (this.closed) return true;
    }
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
