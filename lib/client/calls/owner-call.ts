import { api, ApiError } from "../owner-api";
import { CallSession } from "../call/call-session";
import type { MediaCredentials, ProviderName } from "../loop-api";
import { ProgressChannel, type ProgressMessage } from "./owner-call-progress";
import { isProgressForward } from "./progress-order";
import { Store } from "../store";
import { t } from "../../i18n";

/**
 * One direct or link call on the owner's side, outgoing (to a contact) or incoming (ringing
 * on every dashboard tab). It drives the call-progress protocol of ref §3 — hello, accept,
 * media-up, terminate — and the media session (the guest pages' CallSession) once the call
 * is accepted.
 */
export type CallPhase =
  /** incoming, this tab is ringing */
  | "ringing"
  /** outgoing, waiting for the other side to answer */
  | "calling"
  /** accepted: media is being connected */
  | "connecting"
  | "live"
  | "ended";

export type EndReason =
  | "reject"
  | "busy"
  | "timeout"
  | "cancel"
  | "closed"
  | "media-fail"
  | "answered-elsewhere"
  | "unavailable"
  | "failed"
  | "hangup"
  | string;

export type OwnerCallState = {
  phase: CallPhase;
  direction: "in" | "out";
  callId: string | null;
  peerName: string;
  peerId: string;
  callType: "audio" | "audio-video";
  /** the protocol state last heard (init, alerting, connecting, half-connected, connected, terminated) */
  progress: string;
  reason: EndReason | null;
  /** who ended it, so the words fit: "you declined" vs "Bob declined" */
  endedBy: "self" | "peer" | "server" | null;
};

/** An incoming call as `event: call` and `GET /calls?version=` carry it (callee's tokens). */
export type IncomingCall = {
  callId: string;
  callerId: string;
  callType: string;
  websocketToken: string;
  progressURL: string;
  apiKey: string;
  sessionId: string;
  sessionToken: string;
  provider?: ProviderName;
  subject?: string;
  callUrl?: string;
  state?: string;
};

type Started = MediaCredentials & { callId: string; websocketToken: string; progressURL: string };

export class OwnerCall extends Store<OwnerCallState> {
  readonly media = new CallSession();
  private channel: ProgressChannel | null = null;
  private creds: MediaCredentials | null = null;
  private mediaUpSent = false;
  private disposed = false;
  /** This side's progress token: a terminate that cannot go on the channel goes by DELETE. */
  private wsToken: string | null = null;

  private constructor(init: OwnerCallState) {
    super(init);
  }

  get snapshot() {
    return this.state;
  }

  /** Read through a getter: the phase changes while we await. */
  private get ended() {
    return this.state.phase === "ended";
  }

  /** Calls someone by email (POST /calls); camera opens while it rings. */
  static outgoing(email: string, name: string, callType: "audio" | "audio-video" = "audio-video") {
    const call = new OwnerCall({
      phase: "calling",
      direction: "out",
      callId: null,
      peerName: name || email,
      peerId: email,
      callType,
      progress: "init",
      reason: null,
      endedBy: null,
    });
    void call.dial(email);
    return call;
  }

  static incoming(c: IncomingCall, peerName: string) {
    const call = new OwnerCall({
      phase: "ringing",
      direction: "in",
      callId: c.callId,
      // An empty callerId: the caller has no verified identity (contract §9).
      peerName: peerName || c.callerId || t("identity.call.unknownCaller"),
      peerId: c.callerId,
      callType: c.callType === "audio" ? "audio" : "audio-video",
      progress: c.state ?? "init",
      reason: null,
      endedBy: null,
    });
    call.creds = { provider: c.provider ?? "p2p", apiKey: c.apiKey, sessionId: c.sessionId, sessionToken: c.sessionToken };
    void call.attach(c.progressURL, c.callId, c.websocketToken);
    return call;
  }

  private async dial(email: string) {
    void this.media.openMedia({ audio: true, video: this.state.callType === "audio-video" });
    let started: Started;
    try {
      started = await api<Started>("POST", "/calls", { calleeId: email, callType: this.state.callType });
    } catch (e) {
      const unavailable = e instanceof ApiError && e.errno === 122;
      return this.end(unavailable ? "unavailable" : "failed", "server");
    }
    if (this.disposed) {
      // Closed before the server answered: cancel what it started.
      void fetch(`/calls/id/${started.callId}`, { method: "DELETE", headers: { Authorization: `Bearer ${started.websocketToken}` } });
      return;
    }
    this.creds = { provider: started.provider ?? "p2p", apiKey: started.apiKey, sessionId: started.sessionId, sessionToken: started.sessionToken };
    this.set({ callId: started.callId });
    await this.attach(started.progressURL, started.callId, started.websocketToken);
  }

  private async attach(progressURL: string, callId: string, token: string) {
    this.wsToken = token;
    const channel = new ProgressChannel(progressURL, callId, token, (m) => this.onProgress(m));
    this.channel = channel;
    try {
      const hello = await channel.start();
      this.onProgress(hello);
    } catch {
      if (this.state.phase !== "ended") this.end("failed", "server");
    }
  }

  private onProgress(m: ProgressMessage) {
    if (this.state.phase === "ended") return;
    if (m.messageType === "error") return this.end(m.reason === "closed" ? "closed" : "failed", "server");
    const state = m.state ?? this.state.progress;
    if (!isProgressForward(this.state.progress, state)) return;
    this.set({ progress: state });
    if (state === "terminated") {
      const reason = m.reason ?? "closed";
      const by = reason === "timeout" || reason === "closed" || reason === "answered-elsewhere" ? "server" : "peer";
      return this.end(reason, by);
    }
    if (state === "connecting" && this.state.direction === "out") void this.connectMedia();
    if (state === "connected" && this.state.phase === "connecting" && this.media.getSnapshot().session === "connected") this.set({ phase: "live" });
  }

  /** The callee answers on this tab: the others hear "answered-elsewhere" from the server. */
  async accept() {
    if (this.state.phase !== "ringing" || !this.channel) return;
    this.set({ phase: "connecting" });
    void this.media.openMedia({ audio: true, video: this.state.callType === "audio-video" });
    try {
      await this.channel.action("accept");
    } catch {
      return this.end("failed", "server");
    }
    await this.connectMedia();
  }

  private async connectMedia() {
    if (!this.creds || this.state.phase === "ended") return;
    if (this.state.phase !== "connecting") this.set({ phase: "connecting" });
    await this.waitForCamera();
    try {
      await this.media.start(this.creds);
    } catch {
      return this.fail("media-fail");
    }
    if (this.disposed || this.ended) return;
    this.set({ phase: "live" });
    if (!this.mediaUpSent && this.channel?.isOpen) {
      this.mediaUpSent = true;
      await this.channel.action("media-up").catch(() => {});
    }
  }

  /** The camera prompt may still be open; joining without it would send no video. */
  private waitForCamera() {
    return new Promise<void>((resolve) => {
      const done = () => {
        const m = this.media.getSnapshot().media;
        if (m !== "asking" && m !== "idle") {
          off();
          resolve();
        }
      };
      const off = this.media.subscribe(done);
      done();
      setTimeout(() => {
        off();
        resolve();
      }, 15000);
    });
  }

  decline() {
    if (this.state.phase !== "ringing") return;
    this.terminate("reject");
    this.end("reject", "self");
  }

  /** Hang up (or cancel while it rings on the other side). */
  hangUp() {
    const { phase, direction } = this.state;
    if (phase === "ended") return;
    const cancel = direction === "out" && phase === "calling";
    this.terminate(cancel ? "cancel" : "closed");
    this.end(cancel ? "cancel" : "hangup", "self");
  }

  private fail(reason: EndReason) {
    this.terminate(reason);
    this.end(reason, "self");
  }

  /**
   * Tells the server this side ends the call. The progress stream stays open until the
   * terminate has been answered: closed first, the server could count the device gone before
   * the terminate arrived and end the call as "closed" (the Decline race). Before the stream
   * has named its device (Decline the instant the ring shows) there is nothing to post on:
   * the action waits for it (ProgressChannel.action); if the channel fails, DELETE
   * /calls/id/{callId} with this side's token says the same.
   */
  private terminate(reason: string) {
    const channel = this.channel;
    this.channel = null;
    const callId = this.state.callId;
    const token = this.wsToken;
    const byDelete = () =>
      callId
        ? fetch(`/calls/id/${encodeURIComponent(callId)}`, {
            method: "DELETE",
            credentials: "same-origin",
            headers: token ? { Authorization: `Bearer ${token}` } : {},
          }).catch(() => {})
        : Promise.resolve();
    const sent = channel?.isOpen ? channel.action("terminate", reason).then(() => {}, byDelete) : byDelete();
    void sent.finally(() => channel?.close());
  }

  private end(reason: EndReason, by: "self" | "peer" | "server") {
    if (this.state.phase === "ended") return;
    this.channel?.close();
    this.media.stop();
    this.media.closeMedia();
    this.set({ phase: "ended", reason, endedBy: by });
  }

  /** The peer left the media session after the call connected: the conversation is over. */
  peerLeft() {
    if (this.state.phase === "live") this.end("closed", "peer");
  }

  dispose() {
    this.disposed = true;
    if (this.state.phase !== "ended") this.hangUp();
  }
}
