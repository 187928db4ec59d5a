import { ApiError, type ProviderName } from "@/lib/protocol";
import { readEvents, type SignalEvents } from "./media/signal-client";
import type { PublicRoom } from "./room/room-info";

/**
 * The Loop API as the guest pages call it, same origin. Every failure is an ApiError: a
 * network failure has status 0; an HTTP failure carries Loop's errno (ref §8) so pages can
 * map it to a screen.
 */
export { ApiError, errno as ERRNO, type ProviderName } from "@/lib/protocol";

/** What join and call creation hand out to connect to the media session (contract §5). */
export type MediaCredentials = {
  provider: ProviderName;
  apiKey: string;
  sessionId: string;
  sessionToken: string;
  /** p2p: the signaling stream the join already opened (joinRoomOnStream), for the driver to take over. */
  signalEvents?: SignalEvents;
};

export type JoinResponse = MediaCredentials & { expires: number };

export type RoomStatus = { event: string; state: string; connections: number; sendStreams: number; recvStreams: number };

export type CallLinkInfo = { calleeFriendlyName?: string | null; urlCreationDate?: number; subject?: string | null };

export type StartedCall = MediaCredentials & { callId: string; websocketToken: string; progressURL: string };

export type FeedbackInput = {
  happy: boolean;
  category?: "audio_quality" | "video_quality" | "disconnected" | "confusing" | "other";
  description?: string;
  roomToken?: string;
};

type RequestOpts = { body?: unknown; sessionToken?: string; keepalive?: boolean; signal?: AbortSignal };

function basic(sessionToken: string) {
  return `Basic ${btoa(sessionToken)}`;
}

async function request<T>(method: string, path: string, opts: RequestOpts = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (opts.sessionToken) headers.Authorization = basic(opts.sessionToken);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: "same-origin",
      cache: "no-store",
      keepalive: opts.keepalive,
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === "AbortError") throw err;
    throw new ApiError(0, null, "Network error");
  }
  return readAnswer<T>(res);
}

async function readAnswer<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text().catch(() => "");
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const b = (body ?? {}) as { errno?: number; error?: string };
    throw new ApiError(res.status, typeof b.errno === "number" ? b.errno : null, b.error ?? `HTTP ${res.status}`);
  }
  return body as T;
}

const enc = encodeURIComponent;

export const loopApi = {
  getRoom: (token: string, signal?: AbortSignal) => request<PublicRoom>("GET", `/rooms/${enc(token)}`, { signal }),

  /**
   * Our pages declare how many participants they can show (contract §3: at least the server
   * cap), not the original clients' 2.
   */
  joinRoom: (token: string, displayName: string, clientMaxSize: number) =>
    request<JoinResponse>("POST", `/rooms/${enc(token)}`, { body: { action: "join", displayName, clientMaxSize } }),

  /**
   * The same join, answered (in a p2p room) with the signaling stream itself: its `joined`
   * event is the join's answer, and the rest of the stream is handed to the media driver, so
   * the stream does not cost a second round trip after the join. Other providers answer JSON.
   */
  joinRoomOnStream: async (token: string, displayName: string, clientMaxSize: number): Promise<JoinResponse> => {
    let res: Response;
    try {
      res = await fetch(`/video/signal/join/${enc(token)}`, {
        method: "POST",
        headers: { Accept: "text/event-stream, application/json", "Content-Type": "application/json" },
        body: JSON.stringify({ action: "join", displayName, clientMaxSize }),
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch {
      throw new ApiError(0, null, "Network error");
    }
    if (!res.ok || !res.body || !res.headers.get("content-type")?.startsWith("text/event-stream")) return readAnswer<JoinResponse>(res);
    const events = readEvents(res.body);
    try {
      for (;;) {
        const { done, value } = await events.read();
        if (done) break;
        if (value.event === "joined") return { ...(JSON.parse(value.data) as JoinResponse), signalEvents: events };
      }
    } catch {
      /* dropped before the answer */
    }
    void events.cancel().catch(() => {});
    throw new ApiError(0, null, "Network error");
  },

  refreshRoom: (token: string, sessionToken: string) =>
    request<{ expires: number }>("POST", `/rooms/${enc(token)}`, { body: { action: "refresh", sessionToken }, sessionToken }),

  roomStatus: (token: string, sessionToken: string, status: RoomStatus) =>
    request<void>("POST", `/rooms/${enc(token)}`, { body: { action: "status", ...status }, sessionToken }),

  /** keepalive: the request survives the page being closed (ref §9.4 step 6). */
  leaveRoom: (token: string, sessionToken: string, keepalive = false) =>
    request<void>("POST", `/rooms/${enc(token)}`, { body: { action: "leave", sessionToken }, sessionToken, keepalive }),

  getCallLink: (token: string, signal?: AbortSignal) => request<CallLinkInfo>("GET", `/calls/${enc(token)}`, { signal }),

  startCall: (token: string, callType: "audio" | "audio-video") =>
    request<StartedCall>("POST", `/calls/${enc(token)}`, { body: { callType } }),

  sendFeedback: (input: FeedbackInput) => request<{ id: number }>("POST", "/feedback", { body: input }),
};
