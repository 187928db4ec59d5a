import { CallSession, type CallState } from "../call/call-session";
import { mediaSupport, type Support } from "../media/local-media";
import { ApiError, ERRNO, loopApi, type JoinResponse } from "../loop-api";
import { resetMarks, trialVariant } from "../media/marks";
import { cleanDisplayName, loadPrefs, savePrefs } from "../call/prefs";
import { refreshDelayMs, retryDelayMs } from "../call/presence";
import { RoomEventsClient, type RoomLiveEvent } from "../room-events";
import { resolveRoomInfo, type RoomInfo } from "./room-info";
import { roomKeyFromHash } from "./room-crypto";
import { Store } from "../store";
import { TabChannel } from "../call/tab-channel";

/**
 * The guest's room page as a state machine, in the server call order of the original
 * (ref §9.4): public room info → camera/mic → join → media session → refresh at 90 % of
 * `expires`, `status` on connection changes → leave on hang-up or page close.
 */

export type RoomPhase =
  | "loading"
  | "unavailable" // unknown or expired link: no retry
  | "unsupported" // no WebRTC / insecure context
  | "unreachable" // could not load the room: Retry
  | "prejoin"
  | "joining"
  | "full"
  | "in-call"
  | "failed" // lost the call (connection, expired participation): Retry
  | "ended";

export type RoomFailure = "connection" | "expired" | "unreachable" | "error";
/** deleted / expired: the room itself ended (contract §6); there is nothing to rejoin. */
export type EndReason = "left" | "other-tab" | "deleted" | "expired";

export type RoomState = {
  phase: RoomPhase;
  info: RoomInfo | null;
  support: Support;
  failure: RoomFailure | null;
  endReason: EndReason | null;
  /** Another tab of this browser is already in this room. */
  otherTab: boolean;
  /** This visit got into the call (feedback is asked only then). */
  wasInCall: boolean;
  displayName: string;
};

/** How many participants our page can show; at least the server cap (contract §3). */
export const CLIENT_MAX_SIZE = 5;
const STATUS_DEBOUNCE_MS = 1000;

export class RoomController extends Store<RoomState> {
  readonly call = new CallSession();
  private joined: (JoinResponse & { at: number }) | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private lastStatus = { connections: 0, recvStreams: 0 };
  private hash = "";
  /** A leave that could not be sent (network down): sent before the next join. */
  private unsentLeave: string | null = null;
  private tabs: TabChannel | null = null;
  private disposed = false;

  /** `suggestedName`: the signed-in person's name, used when this device remembers none. */
  constructor(
    readonly token: string,
    suggestedName = "",
  ) {
    super({
      phase: "loading",
      info: null,
      support: "ok",
      failure: null,
      endReason: null,
      otherTab: false,
      wasInCall: false,
      displayName: (typeof window === "undefined" ? "" : loadPrefs().displayName) || suggestedName,
    });
    this.call.onSessionEvent = (e) => this.onCallEvent(e.kind, e.state);
    this.call.onRoomEvent = (e) => void this.onRoomEvent(e);
    this.roomEvents = new RoomEventsClient(token, (e) => void this.onRoomEvent(e));
  }

  /** Live room state: before joining and in OpenTok rooms on its own stream; p2p in-call on signaling. */
  private readonly roomEvents: RoomEventsClient;
  private infoSeq = 0;

  private async onRoomEvent(e: RoomLiveEvent) {
    if (this.disposed) return;
    if (e.kind === "closed") {
      if (this.state.phase === "ended" && (this.state.endReason === "deleted" || this.state.endReason === "expired")) return;
      this.roomEvents.close();
      this.abandon(false);
      this.call.closeMedia();
      this.set({ phase: "ended", endReason: e.reason, otherTab: false });
      return;
    }
    const seq = ++this.infoSeq;
    const info = await resolveRoomInfo(e.room, roomKeyFromHash(this.hash));
    if (this.disposed || seq !== this.infoSeq) return;
    this.set({ info });
  }

  /** In a p2p call the signaling stream carries the room's events; otherwise our own stream. */
  private followRoom() {
    const closed = this.state.phase === "ended" && (this.state.endReason === "deleted" || this.state.endReason === "expired");
    if (this.disposed || closed || this.state.phase === "unavailable") this.roomEvents.close();
    else if (this.joined?.provider === "p2p" && this.state.phase === "in-call") this.roomEvents.close();
    else this.roomEvents.open();
  }

  protected override set(patch: Partial<RoomState>) {
    super.set(patch);
    if (patch.phase !== undefined && this.state.info) this.followRoom();
  }

  /** Step 1: the room's public info, decrypted with the key from the link's #fragment. */
  async load(hash = this.hash) {
    this.hash = hash;
    this.disposed = false;
    this.tabs ??= new TabChannel(`room:${this.token}`, {
      isInCall: () => this.state.phase === "in-call" || this.state.phase === "joining",
      otherInCall: () => this.set({ otherTab: true }),
      takeOver: () => void this.leave("other-tab"),
    });
    const support = mediaSupport();
    if (support !== "ok") {
      this.set({ phase: "unsupported", support });
      return;
    }
    this.set({ phase: "loading", failure: null });
    try {
      const room = await loopApi.getRoom(this.token);
      const info = await resolveRoomInfo(room, roomKeyFromHash(this.hash));
      if (this.disposed) return;
      this.infoSeq++;
      this.set({ info, phase: "prejoin" });
      this.tabs?.probe();
      void this.call.openMedia();
    } catch (err) {
      this.set({ phase: isGone(err) ? "unavailable" : "unreachable" });
    }
  }

  setDisplayName(name: string) {
    this.set({ displayName: name });
  }

  /** Step 2–3: join (only with media decided, as the reference orders) and connect. */
  async join() {
    const name = cleanDisplayName(this.state.displayName);
    if (!name || this.state.phase === "joining") return;
    savePrefs({ displayName: name });
    if (this.state.otherTab) this.tabs?.takeOver();
    resetMarks();
    this.call.mark("joinClick");
    this.set({ phase: "joining", displayName: name, failure: null, endReason: null, otherTab: false });
    if (this.unsentLeave) {
      const stale = this.unsentLeave;
      this.unsentLeave = null;
      await loopApi.leaveRoom(this.token, stale).catch(() => {});
    }
    // The media side warms up while the join is in flight (a peer connection gathering).
    const classic = trialVariant() === "classic";
    if (!classic) this.call.prepare();
    let joined: JoinResponse;
    try {
      // The join answered on the signaling stream (one round trip for both).
      joined = classic
        ? await loopApi.joinRoom(this.token, name, CLIENT_MAX_SIZE)
        : await loopApi.joinRoomOnStream(this.token, name, CLIENT_MAX_SIZE);
    } catch (err) {
      this.call.unprepare();
      this.onJoinError(err);
      return;
    }
    if (this.disposed) {
      this.call.unprepare();
      void joined.signalEvents?.cancel().catch(() => {});
      return;
    }
    this.call.mark("joinAnswered");
    const { signalEvents: _stream, ...seat } = joined;
    this.joined = { ...seat, at: Date.now() };
    this.scheduleRefresh(joined.expires);
    try {
      await this.call.start(joined);
    } catch {
      // The seat is ours but the media session is not: give it back and say so.
      this.abandon();
      this.set({ phase: "failed", failure: "connection" });
      return;
    }
    if (this.disposed) return;
    this.call.mark("joined");
    this.set({ phase: "in-call", wasInCall: true });
    this.tabs?.announceInCall();
    this.reportStatus("Session.sessionConnected");
  }

  private onJoinError(err: unknown) {
    if (err instanceof ApiError && (err.errno === ERRNO.ROOM_FULL || err.errno === ERRNO.CLIENT_REACHED_CAPACITY)) {
      this.set({ phase: "full" });
    } else if (isGone(err)) {
      this.call.closeMedia();
      this.set({ phase: "unavailable" });
    } else {
      this.set({ phase: "failed", failure: err instanceof ApiError && err.isUnavailable ? "unreachable" : "error" });
    }
  }

  private scheduleRefresh(expires: number) {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), refreshDelayMs(expires));
  }

  private async refresh() {
    const j = this.joined;
    if (!j) return;
    try {
      const r = await loopApi.refreshRoom(this.token, j.sessionToken);
      if (this.joined !== j) return;
      j.expires = r.expires;
      j.at = Date.now();
      this.scheduleRefresh(r.expires);
    } catch (err) {
      if (this.joined !== j) return;
      const retry = err instanceof ApiError && err.isUnavailable ? retryDelayMs(j.expires, Date.now() - j.at) : null;
      if (retry !== null) {
        this.refreshTimer = setTimeout(() => void this.refresh(), retry);
        return;
      }
      // The participation is gone (401/410, or the server stayed away too long).
      this.joined = null;
      this.call.stop();
      if (isGone(err)) {
        // The room itself was deleted or expired meanwhile.
        this.call.closeMedia();
        this.set({ phase: "unavailable" });
      } else {
        this.set({ phase: "failed", failure: "expired" });
      }
    }
  }

  private onCallEvent(kind: "participants" | "session", s: CallState) {
    if (kind === "session") {
      if (s.session === "replaced") {
        // This participant went on in another tab (the relay closed our stream).
        this.abandon(false);
        this.call.closeMedia();
        this.set({ phase: "ended", endReason: "other-tab" });
      } else if (s.session === "failed" && this.state.phase === "in-call") {
        this.abandon();
        this.set({ phase: "failed", failure: "connection" });
      } else if (s.session === "reconnecting" || s.session === "connected") {
        this.reportStatus(s.session === "connected" ? "Session.sessionReconnected" : "Session.sessionReconnecting");
      }
      return;
    }
    const connections = s.participants.length;
    const recvStreams = s.participants.filter((p) => p.camera).length + s.participants.filter((p) => p.screen).length;
    const before = this.lastStatus;
    if (connections === before.connections && recvStreams === before.recvStreams) return;
    const event =
      connections > before.connections
        ? "Session.connectionCreated"
        : connections < before.connections
          ? "Session.connectionDestroyed"
          : recvStreams > before.recvStreams
            ? "Session.streamCreated"
            : "Session.streamDestroyed";
    this.lastStatus = { connections, recvStreams };
    this.reportStatus(event);
  }

  /** `status` reports (ref §2.6), debounced: a join produces a burst of changes. */
  private reportStatus(event: string) {
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => {
      const j = this.joined;
      if (!j) return;
      const s = this.call.getSnapshot();
      const recvStreams = s.participants.filter((p) => p.camera).length + s.participants.filter((p) => p.screen).length;
      const sendStreams = (s.local && s.local.getTracks().length ? 1 : 0) + (s.screen ? 1 : 0);
      const state = s.participants.length ? "room-has-participants" : "room-session-connected";
      void loopApi
        .roomStatus(this.token, j.sessionToken, { event, state, connections: s.participants.length + 1, sendStreams, recvStreams })
        .catch(() => {});
    }, STATUS_DEBOUNCE_MS);
  }

  /** Stops timers and the media session and gives the seat back (unless told not to). */
  private abandon(sendLeave = true, keepalive = false) {
    clearTimeout(this.refreshTimer);
    clearTimeout(this.statusTimer);
    const j = this.joined;
    this.joined = null;
    this.call.stop();
    this.lastStatus = { connections: 0, recvStreams: 0 };
    if (j && sendLeave) {
      void loopApi.leaveRoom(this.token, j.sessionToken, keepalive).catch((err) => {
        // Our old seat would count against the room's size until it expires: retry on rejoin.
        if (err instanceof ApiError && err.isNetwork) this.unsentLeave = j.sessionToken;
      });
    }
  }

  /** Hang up: leave the room, release camera and microphone. */
  async leave(reason: EndReason = "left") {
    this.abandon();
    this.call.closeMedia();
    this.set({ phase: "ended", endReason: reason });
  }

  /** The page is going away: a leave that survives unload (fetch keepalive). */
  pageHide() {
    if (this.joined) this.abandon(true, true);
  }

  /** "Rejoin" from the ended screen, "Retry" from a failure. */
  async retry() {
    if (!this.state.info) return this.load();
    if (this.state.phase === "unreachable") return this.load();
    if (this.call.getSnapshot().media !== "live" && this.call.getSnapshot().media !== "none") {
      await this.call.openMedia();
    }
    const media = this.call.getSnapshot().media;
    if (media !== "live" && media !== "none") {
      this.set({ phase: "prejoin" });
      return;
    }
    if (cleanDisplayName(this.state.displayName)) await this.join();
    else this.set({ phase: "prejoin" });
  }

  /** Back to the pre-join screen (e.g. from "room full"). */
  backToPrejoin() {
    this.set({ phase: "prejoin" });
    if (this.call.getSnapshot().media === "idle") void this.call.openMedia();
  }

  dispose() {
    this.disposed = true;
    this.roomEvents.close();
    this.pageHide();
    this.call.closeMedia();
    this.tabs?.close();
    this.tabs = null;
  }
}

function isGone(err: unknown) {
  return err instanceof ApiError && (err.errno === ERRNO.INVALID_TOKEN || err.status === 404);
}
