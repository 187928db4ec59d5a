import type { PublicRoom } from "./room/room-info";

/**
 * Live room state (contract §6) as the room page receives it: a new public subset (the
 * context still encrypted; the page decrypts it with the key from the link) or the room's end.
 * It arrives on the p2p signaling stream while in a call, and on `GET /rooms/{token}/events`
 * before joining and in OpenTok rooms.
 */
export type RoomLiveEvent = { kind: "context"; room: PublicRoom } | { kind: "closed"; reason: "deleted" | "expired" };

/** Reads one SSE event of the room's stream; null for anything else. */
export function parseRoomEvent(type: string, data: string): RoomLiveEvent | null {
  let d: unknown;
  try {
    d = JSON.parse(data);
  } catch {
    return null;
  }
  if (!d || typeof d !== "object") return null;
  if (type === "room-context" && typeof (d as PublicRoom).roomToken === "string") return { kind: "context", room: d as PublicRoom };
  if (type === "room-closed") return { kind: "closed", reason: (d as { reason?: string }).reason === "expired" ? "expired" : "deleted" };
  return null;
}

export const ROOM_EVENT_TYPES = ["room-context", "room-closed"] as const;

/** `GET /rooms/{token}/events`, for people not (yet) on a signaling stream. */
export class RoomEventsClient {
  private es: EventSource | null = null;

  constructor(
    private readonly token: string,
    private readonly onEvent: (e: RoomLiveEvent) => void,
  ) {}

  get isOpen() {
    return this.es !== null;
  }

  open() {
    if (this.es || typeof EventSource === "undefined") return;
    const es = new EventSource(`/rooms/${encodeURIComponent(this.token)}/events`);
    this.es = es;
    for (const type of ROOM_EVENT_TYPES) {
      es.addEventListener(type, (e) => {
        const ev = parseRoomEvent(type, (e as MessageEvent<string>).data);
        if (!ev) return;
        // A closed room's stream ends: do not let EventSource open it again.
        if (ev.kind === "closed") this.close();
        this.onEvent(ev);
      });
    }
    // Errors: EventSource retries by itself; a 404 (room gone) closes it for good.
  }

  close() {
    this.es?.close();
    this.es = null;
  }
}
