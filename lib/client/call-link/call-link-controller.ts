import { CallSession, type CallState } from "../call/call-session";
import { mediaSupport, type Support } from "../media/local-media";
import { ApiError, ERRNO, loopApi, type StartedCall } from "../loop-api";
import { ProgressChannel, type ProgressMessage } from "../calls/owner-call-progress";
import { Store } from "../store";

/**
 * The call-link page (/c/<token>) as a state machine: who the link calls → "Call <name>?"
 * with audio or video → the call's progress in words (ringing, connecting, declined, no
 * answer, cancelled; ref §3 states and reasons over docs/call-progress.md) → the call.
 */

export type CallLinkPhase =
  | "loading"
  | "unavailable"
  | "unsupported"
  | "unreachable"
  | "ready"
  | "starting"
  | "calling"
  | "connecting"
  | "connected"
  | "ended";

/** Why the call ended, as the page words it. */
export type CallEnd = "reject" | "busy" | "timeout" | "cancel" | "media-fail" | "closed" | "left" | "other";

export type CallLinkState = {
  phase: CallLinkPhase;
  support: Support;
  calleeName: string | null;
  subject: string | null;
  callType: "audio" | "audio-video";
  /** alerting: their browser is ringing. */
  progress: "init" | "alerting" | "connecting" | null;
  end: CallEnd | null;
  /** The call could not be placed (server down): shown on the ready screen. */
  startFailed: boolean;
  /** The last call got connected (only then is feedback asked). */
  wasConnected: boolean;
};

const KNOWN_REASONS = new Set<CallEnd>(["reject", "busy", "timeout", "cancel", "media-fail", "closed"]);

export class CallLinkController extends Store<CallLinkState> {
  readonly call = new CallSession();
  private started: StartedCall | null = null;
  private channel: ProgressChannel | null = null;
  private mediaUpSent = false;
  private hadPeer = false;
  private disposed = false;

  constructor(readonly token: string) {
    super({
      phase: "loading",
      support: "ok",
      calleeName: null,
      subject: null,
      callType: "audio-video",
      progress: null,
      end: null,
      startFailed: false,
      wasConnected: false,
    });
    this.call.onSessionEvent = (e) => this.onMedia(e.kind, e.state);
  }

  async load() {
    this.disposed = false;
    const support = mediaSupport();
    if (support !== "ok") {
      this.set({ phase: "unsupported", support });
      return;
    }
    this.set({ phase: "loading" });
    try {
      const info = await loopApi.getCallLink(this.token);
      if (this.disposed) return;
      this.set({ phase: "ready", calleeName: info.calleeFriendlyName?.trim() || null, subject: info.subject?.trim() || null });
      void this.call.openMedia();
    } catch (err) {
      this.set({ phase: isGone(err) ? "unavailable" : "unreachable" });
    }
  }

  /** Places the call: media first (as the original), then POST /calls/{token}, then progress. */
  async start(callType: "audio" | "audio-video") {
    if (this.state.phase !== "ready" && this.state.phase !== "ended") return;
    this.set({ phase: "starting", callType, end: null, progress: null, startFailed: false, wasConnected: false });
    this.mediaUpSent = false;
    this.hadPeer = false;
    const media = this.call.getSnapshot();
    const haveVideo = !!media.local?.getVideoTracks().length;
    if (media.media !== "live" && media.media !== "none") {
      await this.call.openMedia({ audio: true, video: callType === "audio-video" });
    } else if (callType === "audio" && haveVideo) {
      // An audio call sends no video at all, not a black picture.
      await this.call.openMedia({ audio: true, video: false });
    } else if (callType === "audio-video" && !haveVideo && media.media === "live") {
      await this.call.openMedia({ audio: true, video: true });
    }
    const m = this.call.getSnapshot().media;
    if (m !== "live" && m !== "none" && m !== "no-device") {
      this.set({ phase: "ready" });
      return;
    }
    this.call.mark("joinClick");
    let started: StartedCall;
    try {
      started = await loopApi.startCall(this.token, callType);
    } catch (err) {
      if (isGone(err)) {
        this.call.closeMedia();
        this.set({ phase: "unavailable" });
      } else {
        this.set({ phase: "ready", startFailed: true });
      }
      return;
    }
    if (this.disposed) return;
    this.started = started;
    this.set({ phase: "calling", progress: "init" });
    // The media session opens right away: once they accept, only the WebRTC handshake is left.
    this.call.start(started).catch(() => this.finish("media-fail", true));
    const channel = new ProgressChannel(started.progressURL, started.callId, started.websocketToken, (msg) => this.onProgress(msg));
    this.channel = channel;
    try {
      const hello = await channel.start();
      this.onProgress(hello);
    } catch {
      this.finish("other", true);
    }
  }

  private onProgress(m: ProgressMessage) {
    if (this.state.phase === "ended" || !this.started) return;
    if (m.messageType === "error") {
      this.finish("other", true);
      return;
    }
    // The hello reply is the state *before* our hello and can arrive after newer progress
    // events on the stream: the call's state only moves forward.
    switch (m.state) {
      case "init":
        break;
      case "alerting":
        if (this.state.phase === "calling") this.set({ progress: "alerting" });
        break;
      case "connecting":
      case "half-connected":
        if (this.state.phase === "connected") break;
        this.set({ phase: "connecting", progress: "connecting" });
        this.maybeMediaUp();
        break;
      case "connected":
        this.set({ phase: "connected", progress: null, wasConnected: true });
        this.call.mark("connected");
        break;
      case "terminated": {
        const r = m.reason as CallEnd | undefined;
        this.finish(r && KNOWN_REASONS.has(r) ? r : "other", false);
        break;
      }
    }
  }

  private onMedia(kind: "participants" | "session", s: CallState) {
    if (kind === "session") {
      if ((s.session === "failed" || s.session === "replaced") && this.state.phase !== "ended") this.finish("media-fail", true);
      return;
    }
    const peerUp = s.participants.some((p) => p.connection === "connected");
    if (s.participants.length) this.hadPeer = true;
    if (peerUp) this.maybeMediaUp();
    // They hung up: the media session is the call once progress has ended at "connected".
    if (this.hadPeer && s.participants.length === 0 && this.state.phase === "connected") this.finish("closed", true);
  }

  /** `media-up` once both the call is accepted and our media reaches them (ref §3). */
  private maybeMediaUp() {
    if (this.mediaUpSent || !this.channel?.isOpen) return;
    if (this.state.phase !== "connecting") return;
    if (!this.call.getSnapshot().participants.some((p) => p.connection === "connected")) return;
    this.mediaUpSent = true;
    this.channel.action("media-up").catch(() => {});
  }

  /** Cancel while ringing, hang up once connected. */
  hangUp() {
    const reason: CallEnd = this.state.phase === "connected" ? "left" : "cancel";
    this.finish(reason, true);
  }

  private finish(end: CallEnd, tellServer: boolean, keepalive = false) {
    const started = this.started;
    this.started = null;
    this.channel?.close();
    this.channel = null;
    this.call.stop();
    if (started && tellServer) {
      // DELETE ends the call for both sides: a cancel before connecting, a hang-up after.
      void fetch(`/calls/id/${encodeURIComponent(started.callId)}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${started.websocketToken}` },
        keepalive,
      }).catch(() => {});
    }
    if (keepalive) return;
    this.call.closeMedia();
    this.set({ phase: "ended", end, progress: null });
  }

  /** "Call again" from the ended screen. */
  again() {
    this.set({ phase: "ready", end: null });
    void this.call.openMedia({ audio: true, video: this.state.callType === "audio-video" });
  }

  pageHide() {
    if (this.started) this.finish(this.state.phase === "connected" ? "left" : "cancel", true, true);
  }

  dispose() {
    this.disposed = true;
    this.pageHide();
    this.call.closeMedia();
  }
}

function isGone(err: unknown) {
  return err instanceof ApiError && (err.errno === ERRNO.INVALID_TOKEN || err.status === 404);
}
