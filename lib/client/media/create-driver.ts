import type { ProviderName } from "../loop-api";
import type { MediaDriver } from "./media-driver";
import { P2pDriver } from "./p2p-driver";

/**
 * The only place the browser side branches on the media provider (contract §5): join and call
 * creation say which one the server uses; everything else talks to MediaDriver. The p2p
 * driver is small and ships with the page (no extra fetch between Join and the call); the
 * OpenTok SDK (2.7 MB) loads only when a session needs it.
 */
export async function createDriver(provider: ProviderName, warm?: MediaDriver | null): Promise<MediaDriver> {
  if (provider === "p2p" && warm instanceof P2pDriver) return warm;
  warm?.disconnect();
  if (provider === "opentok") {
    const { OpenTokDriver } = await import("./opentok");
    return new OpenTokDriver();
  }
  return new P2pDriver();
}

/**
 * A driver started before the join answers (which names the provider): p2p, the default and
 * the only one with something to do early; createDriver() takes it if the join says p2p and
 * drops it otherwise (one unused peer connection, closed at once).
 */
export function warmDriver(): MediaDriver {
  return new P2pDriver();
}
