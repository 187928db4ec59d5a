import { createHmac } from "node:crypto";
import { config } from "../config";

/** One entry of RTCConfiguration.iceServers, as the browser takes it. */
export type IceServer = { urls: string | string[]; username?: string; credential?: string };

/**
 * TURN credentials of a participant's own, in the TURN REST API form that coturn checks with
 * `use-auth-secret` / `static-auth-secret`: `username = <expiry unix seconds>:<participant id>`,
 * `credential = base64(HMAC-SHA1(secret, username))`. Nothing is stored: the relay recomputes
 * the HMAC, and refuses the username once its expiry has passed.
 */
export function turnCredential(secret: string, participantId: string, expiresAtSec: number) {
  const username = `${Math.floor(expiresAtSec)}:${participantId}`;
  const credential = createHmac("sha1", secret).update(username).digest("base64");
  return { username, credential };
}

/**
 * What a p2p participant gets as `iceServers`: the static `ICE_SERVERS`, then, with
 * `TURN_URLS` and `TURN_SECRET` set, one TURN entry with credentials valid until its
 * participation's credential (the p2p sessionToken) expires.
 */
export function iceServersFor(participantId: string, expiresAtSec: number): IceServer[] {
  const { iceServers, turn } = config();
  if (!turn) return iceServers;
  return [...iceServers, { urls: turn.urls, ...turnCredential(turn.secret, participantId, expiresAtSec) }];
}
