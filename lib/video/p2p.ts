import { createHmac } from "node:crypto";
import { config } from "../config";
import { clock } from "../clock";
import { randomToken, safeEqual } from "../crypto";
import type { Role, VideoProvider } from "./provider";

/**
 * Peer-to-peer provider: the media session is ours, and a participant's sessionToken is a
 * signed, expiring credential naming session, subject (participant) and role.
 * Format: "p2p1." + base64url(JSON claims) + "." + base64url(HMAC-SHA256).
 */
export type P2pClaims = { sid: string; sub: string; role: Role; exp: number; data?: string };

export class P2pProvider implements VideoProvider {
  readonly name = "p2p" as const;
  readonly apiKey = "p2p";

  async createSession() {
    return `p2p_${randomToken(16)}`;
  }

  createToken(sessionId: string, opts: { role: Role; subject: string; expireSec: number; data?: string }) {
    const claims: P2pClaims = { sid: sessionId, sub: opts.subject, role: opts.role, exp: clock.nowSec() + opts.expireSec };
    if (opts.data) claims.data = opts.data;
    const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
    return `p2p1.${body}.${sign(body)}`;
  }

  async health() {
    return true;
  }
}

function sign(body: string) {
  return createHmac("sha256", config().secrets.token).update(`p2p1.${body}`).digest("base64url");
}

/** The claims of a valid, unexpired p2p token, or null. */
export function verifyP2pToken(token: string): P2pClaims | null {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== "p2p1") return null;
  if (!safeEqual(parts[2], sign(parts[1]))) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as P2pClaims;
    return claims.exp > clock.nowSec() ? claims : null;
  } catch {
    return null;
  }
}
