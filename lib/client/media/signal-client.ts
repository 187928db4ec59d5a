/**
 * The browser end of our p2p signaling relay: Server-Sent Events from `GET /video/signal`
 * (EventSource cannot set headers, so the token goes in the query) and `POST /video/signal`
 * with a Bearer token to reach one peer. Events: welcome, peer, peer-left, signal, replaced.
 */
import { EventSourceParserStream, type EventSourceMessage } from "eventsource-parser/stream";
import { markOnce } from "./marks";
import { parseRoomEvent, ROOM_EVENT_TYPES, type RoomLiveEvent } from "../room-events";

/** Server-Sent Events read from a fetch response (the join's stream): EventSource cannot POST. */
export type SignalEvents = ReadableStreamDefaultReader<EventSourceMessage>;

export function readEvents(body: ReadableStream<Uint8Array>): SignalEvents {
  return body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).pipeThrough(new EventSourceParserStream()).getReader();
}

export type Welcome = { self: string; sessionId: string; iceServers: RTCIceServer[] };
export type SignalMessage = { from: string; type: string; data: unknown };

export type SignalHandlers = {
  welcome(w: Welcome): void;
  /** `offer`: the relay says whether this side makes the first offer (absent from older servers). */
  peer(p: { id: string; name: string; offer?: boolean }): void;
  peerLeft(id: string): void;
  signal(m: SignalMessage): void;
  /** The same participant opened the session elsewhere (another tab); this one is closed. */
  replaced(): void;
  /** The room of this session was renamed, deleted or expired (rooms only, contract §6). */
  room?(e: RoomLiveEvent): void;
  /** Lost the stream; EventSource or we are trying again. */
  reconnecting(): void;
  /** Gave up: the token is no longer accepted or the server stayed unreachable. */
  failed(): void;
};

const PATH = "/video/signal";
/** How long we keep trying to get the stream back before telling the person it failed. */
const GIVE_UP_MS = 25_000;

export class SignalClient {
  private es: EventSource | null = null;
  /** The join's own stream, while it lasts (see adopt()). */
  private adopted: SignalEvents | null = null;
  private closed = false;
  /** Armed when the stream is lost; fires "failed" unless a welcome comes back first. */
  private giveUpTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  /**
   * Per-peer order: descriptions (and everything but candidates) go one after another;
   * candidates go out in parallel, each after the description sent before it, so a peer never
   * gets a candidate ahead of its description and a burst of candidates costs one round trip.
   */
  private chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly token: string,
    private readonly h: SignalHandlers,
    private readonly base = "",
  ) {}

  /**
   * The device says the network went away: tell the person now rather than when a request
   * times out. When it comes back, open a fresh stream at once: the old one may be a dead
   * connection that nothing reports (EventSource does not surface the server's heartbeats).
   */
  private readonly onOffline = () => this.lost();
  private readonly onOnline = () => {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    this.es?.close();
    this.dropAdopted();
    this.lost();
    this.open();
  };

  private lost() {
    this.giveUpTimer ??= setTimeout(() => {
      if (this.closed) return;
      this.close();
      this.h.failed();
    }, GIVE_UP_MS);
    this.h.reconnecting();
  }
  private listening = false;

  private listen() {
    if (!this.listening && typeof window !== "undefined") {
      this.listening = true;
      window.addEventListener("offline", this.onOffline);
      window.addEventListener("online", this.onOnline);
    }
  }

  /** One event of the stream, whichever way it came (EventSource, or the join's own stream). */
  private dispatch(type: string, raw: string) {
    if (this.closed) return;
    let d: Record<string, unknown> | null = null;
    try {
      d = JSON.parse(raw);
    } catch {
      /* not ours */
    }
    if (type === "welcome") {
      if (!d || typeof d.self !== "string") return;
      clearTimeout(this.giveUpTimer);
      this.giveUpTimer = undefined;
      this.attempt = 0;
      markOnce("welcome");
      this.h.welcome({ self: d.self, sessionId: String(d.sessionId ?? ""), iceServers: Array.isArray(d.iceServers) ? d.iceServers : [] });
    } else if (type === "peer") {
      if (d && typeof d.id === "string")
        this.h.peer({ id: d.id, name: typeof d.name === "string" ? d.name : "", offer: typeof d.offer === "boolean" ? d.offer : undefined });
    } else if (type === "peer-left") {
      if (d && typeof d.id === "string") this.h.peerLeft(d.id);
    } else if (type === "signal") {
      if (d && typeof d.from === "string" && typeof d.type === "string") this.h.signal(d as SignalMessage);
    } else if (type === "replaced") {
      // Close before EventSource's own reconnect, or two tabs would take the seat back and forth.
      this.close();
      this.h.replaced();
    } else if ((ROOM_EVENT_TYPES as readonly string[]).includes(type)) {
      const ev = parseRoomEvent(type, raw);
      if (!ev) return;
      // The room is gone: its stream ends, and must not be opened again.
      if (ev.kind === "closed") this.close();
      this.h.room?.(ev);
    }
  }

  /**
   * Takes over the stream the join answered with (`POST /video/signal/join/{token}`: its
   * `joined` event already read): same events as `GET /video/signal`. When it ends, the
   * usual EventSource takes over with the token, as after any lost stream.
   */
  adopt(events: SignalEvents) {
    if (this.closed) {
      void events.cancel().catch(() => {});
      return;
    }
    this.listen();
    markOnce("signalOpen");
    this.adopted = events;
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await events.read();
          if (done || this.closed) break;
          this.dispatch(value.event ?? "message", value.data);
        }
      } catch {
        /* the connection dropped */
      }
      if (this.adopted !== events) return;
      this.adopted = null;
      if (this.closed) return;
      this.lost();
      this.open();
    })();
  }

  open() {
    if (this.closed) return;
    this.listen();
    markOnce("signalOpen");
    const es = new EventSource(`${this.base}${PATH}?token=${encodeURIComponent(this.token)}`);
    this.es = es;
    for (const type of ["welcome", "peer", "peer-left", "signal", "replaced", ...ROOM_EVENT_TYPES]) {
      es.addEventListener(type, (e) => this.dispatch(type, String((e as MessageEvent<string>).data)));
    }
    es.onerror = () => {
      if (this.closed || es !== this.es) return;
      this.lost();
      // CONNECTING: EventSource retries by itself. CLOSED: an HTTP error (401/403/5xx); we
      // retry a few times with backoff in case it was a server restart.
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        const delay = Math.min(8000, 500 * 2 ** this.attempt++);
        this.retryTimer = setTimeout(() => this.open(), delay);
      }
    };
  }

  /** Sends to one peer, after the description (or other ordered message) sent before it. */
  send(to: string, type: string, data: unknown): Promise<void> {
    const prev = this.chains.get(to) ?? Promise.resolve();
    const sent = prev.then(() => this.post(to, type, data)).catch(() => {});
    if (type !== "candidate") this.chains.set(to, sent);
    return sent;
  }

  private async post(to: string, type: string, data: unknown, tries = 2): Promise<void> {
    if (this.closed && type !== "bye") return;
    try {
      const res = await fetch(`${this.base}${PATH}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ to, type, data }),
        keepalive: type === "bye",
      });
      if (res.status >= 500 && tries > 1) return this.post(to, type, data, tries - 1);
    } catch {
      if (tries > 1) {
        await new Promise((r) => setTimeout(r, 300));
        return this.post(to, type, data, tries - 1);
      }
    }
  }

  forget(peerId: string) {
    this.chains.delete(peerId);
  }

  close() {
    this.closed = true;
    if (this.listening) {
      window.removeEventListener("offline", this.onOffline);
      window.removeEventListener("online", this.onOnline);
      this.listening = false;
    }
    clearTimeout(this.retryTimer);
    clearTimeout(this.giveUpTimer);
    this.es?.close();
    this.es = null;
    this.dropAdopted();
  }

  private dropAdopted() {
    const a = this.adopted;
    this.adopted = null;
    void a?.cancel().catch(() => {});
  }
}
