/**
 * The owner's live event stream (GET /events, contract §6): one EventSource per tab, shared by
 * every part of the dashboard. EventSource reconnects by itself; each (re)connection is
 * announced so views re-read what they may have missed while disconnected: no polling.
 */
export type RoomEvent = {
  type: "room";
  roomToken: string;
  reason: "creation" | "modification" | "deletion" | "join" | "leave" | "expiry";
  version: number;
  /** On "join": the room's participants, expiry and clientMaxSize after it (no re-read needed). */
  participants?: { roomConnectionId: string; displayName: string; owner: boolean; account?: string }[];
  expiresAt?: number;
  clientMaxSize?: number;
};

export type CallEvent = {
  type?: "call";
  callId: string;
  state: string;
  reason?: string;
  callerId?: string;
  callType?: string;
  [k: string]: unknown;
};

type Listener = { room?: (e: RoomEvent) => void; call?: (e: CallEvent) => void; open?: () => void; status?: (s: StreamStatus) => void };
export type StreamStatus = "connecting" | "live" | "retrying";

let source: EventSource | null = null;
let status: StreamStatus = "connecting";
const listeners = new Set<Listener>();

function emit<K extends keyof Listener>(kind: K, arg?: unknown) {
  for (const l of listeners) (l[kind] as ((a?: unknown) => void) | undefined)?.(arg);
}

function setStatus(s: StreamStatus) {
  status = s;
  emit("status", s);
}

function parse<T>(ev: MessageEvent): T | null {
  try {
    return JSON.parse(ev.data) as T;
  } catch {
    return null;
  }
}

function connect() {
  source = new EventSource("/events", { withCredentials: true });
  setStatus("connecting");
  source.addEventListener("open", () => {
    setStatus("live");
    emit("open");
  });
  source.addEventListener("error", () => {
    // CLOSED means the server refused (e.g. signed out): EventSource will not retry itself.
    if (source?.readyState === EventSource.CLOSED) {
      source = null;
      setStatus("retrying");
      void signedOutCheck();
      setTimeout(() => {
        if (!source && listeners.size) connect();
      }, 5000);
    } else setStatus("retrying");
  });
  source.addEventListener("room", (ev) => {
    const e = parse<RoomEvent>(ev as MessageEvent);
    if (e) emit("room", e);
  });
  source.addEventListener("call", (ev) => {
    const e = parse<CallEvent>(ev as MessageEvent);
    if (e) emit("call", e);
  });
}

/** The stream was refused: if the session ended (signed out elsewhere, account deleted), go to sign-in. */
async function signedOutCheck() {
  try {
    const r = await fetch("/rooms", { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (r.status === 401) window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
  } catch {
    /* offline: EventSource-style retry continues */
  }
}

/** Subscribes; the stream opens with the first listener and closes with the last. */
export function listenOwnerEvents(l: Listener): () => void {
  listeners.add(l);
  if (!source) connect();
  else if (status === "live") queueMicrotask(() => l.open?.());
  l.status?.(status);
  return () => {
    listeners.delete(l);
    if (!listeners.size && source) {
      source.close();
      source = null;
    }
  };
}
