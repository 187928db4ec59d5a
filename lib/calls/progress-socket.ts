import type { FrontDoor, UpgradeHandler } from "../server/front-door";

/** The original call-progress WebSocket (ref §3) at `/websocket`. */
export function attachProgressSockets(_door: FrontDoor): UpgradeHandler {
  return () => false;
}
