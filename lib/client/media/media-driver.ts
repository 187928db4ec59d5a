import type { MediaCredentials } from "../loop-api";
import type { Quality } from "./quality";
import type { RoomLiveEvent } from "../room-events";

/**
 * The one client-side media interface the pages use. Two drivers implement it: `p2p` (WebRTC
 * mesh over our signaling relay: ./p2p-driver.ts, one ./peer-link.ts per other participant,
 * ./signal-client.ts) and `opentok` (@opentok/client, ./opentok.ts); ./create-driver.ts is
 * the only place that knows which is which. Everything media-only lives in this folder.
 */

export type PeerConnectionState = "connecting" | "connected" | "reconnecting" | "failed";

export type RemoteParticipant = {
  id: string;
  name: string;
  /** Camera + microphone; null until media arrives. */
  camera: MediaStream | null;
  /** A shared screen, when they share one. */
  screen: MediaStream | null;
  audioEnabled: boolean;
  videoEnabled: boolean;
  connection: PeerConnectionState;
  /** Why a failed connection failed, when the driver knows: the relay (TURN) refused us. */
  failure?: "relay-refused";
  quality: Quality;
};

/** The driver's link to the service as a whole (signaling for p2p, the session for OpenTok). */
export type SessionState = "idle" | "connecting" | "connected" | "reconnecting" | "failed" | "replaced";

export type ChatReceived = { from: string; name: string; message: string; sentTimestamp: string };

export type DriverEvent =
  | { type: "session"; state: SessionState }
  | { type: "participants"; participants: RemoteParticipant[] }
  | { type: "chat"; chat: ChatReceived }
  /** The room changed or ended, when the driver's channel carries room events (p2p). */
  | { type: "room"; event: RoomLiveEvent }
  /** A participant's own id in the session, once known. */
  | { type: "self"; id: string };

export type LocalMedia = { stream: MediaStream; audioEnabled: boolean; videoEnabled: boolean };

export interface MediaDriver {
  /** Optional warm-up while the join request is in flight (p2p: a peer connection gathering). */
  prepare?(local: LocalMedia): void;
  /** Resolves once the session is joined; rejects if it cannot be (bad token, no service). */
  connect(creds: MediaCredentials, local: LocalMedia): Promise<void>;
  setAudioEnabled(on: boolean): void;
  setVideoEnabled(on: boolean): void;
  /** Swaps the camera or microphone (device change) without renegotiating. */
  replaceTrack(kind: "audio" | "video", track: MediaStreamTrack): Promise<void>;
  startScreenShare(stream: MediaStream): Promise<void>;
  stopScreenShare(): void;
  /** Sends a chat message to everyone; false when nobody could receive it. */
  sendChat(message: string): boolean;
  disconnect(): void;
  on(listener: (e: DriverEvent) => void): () => void;
  /** Tests and diagnostics: the underlying peer connections, when the driver owns them. */
  peerConnections(): RTCPeerConnection[];
  /** Diagnostics: the driver's recent signaling steps, if it keeps any. */
  diagnostics?(): string[];
}

/** A small typed event emitter the drivers share. */
export class Emitter<E> {
  private listeners = new Set<(e: E) => void>();
  on(l: (e: E) => void) {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  }
  emit(e: E) {
    for (const l of [...this.listeners]) l(e);
  }
}
