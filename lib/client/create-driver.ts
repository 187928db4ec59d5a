import type { ProviderName } from "./loop-api";
import type { MediaDriver } from "./media-driver";

/**
 * The only place the browser side branches on the media provider (contract §5): join and call
 * creation say which one the server uses; everything else talks to MediaDriver.
 */
export async function createDriver(provider: ProviderName): Promise<MediaDriver> {
  if (provider === "opentok") {
    const { OpenTokDriver } = await import("./opentok");
    return new OpenTokDriver();
  }
  const { P2pDriver } = await import("./p2p");
  return new P2pDriver();
}
