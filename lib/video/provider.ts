import { config } from "../config";

/**
 * One interface for media providers (contract §5). `p2p` is the default (browsers connect
 * directly; our server relays signaling); `opentok` when OPENTOK_API_KEY/SECRET are set.
 * Implementations: ./p2p.ts, ./opentok.ts.
 */
export type Role = "moderator" | "publisher";
import type { ProviderName } from "../protocol";

export type { ProviderName };

export interface VideoProvider {
  readonly name: ProviderName;
  readonly apiKey: string;
  /** A new media session (one per room, one per call). */
  createSession(): Promise<string>;
  /** A credential for one participant of a session. */
  createToken(sessionId: string, opts: { role: Role; subject: string; expireSec: number; data?: string }): string;
  /** Reachability for /__heartbeat__. */
  health(): Promise<boolean>;
}

export function videoProviderName(): ProviderName {
  return config().opentok ? "opentok" : "p2p";
}

let provider: VideoProvider | undefined;

export async function videoProvider(): Promise<VideoProvider> {
  if (provider) return provider;
  if (videoProviderName() === "opentok") {
    const { OpenTokProvider } = await import("./opentok");
    provider = new OpenTokProvider(config().opentok!);
  } else {
    const { P2pProvider } = await import("./p2p");
    provider = new P2pProvider();
  }
  return provider;
}
