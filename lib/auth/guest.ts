import { clock } from "../clock";
import { config } from "../config";
import { hmacHex } from "../crypto";
import { sql } from "../db";
import { participants } from "../db/statements";
import { errors } from "../http/errors";
import type { Caller } from "./caller";

/** HMAC of a participant's media sessionToken: what the Participant row keeps. */
export function participantTokenHash(sessionToken: string) {
  return hmacHex(config().secrets.hmac, `participant:${sessionToken}`);
}

/**
 * `Authorization: Basic base64(<sessionToken>[:])`: a guest participant, valid while the
 * participation lives (ref §1.4).
 */
export async function verifyGuestToken(authorization: string): Promise<Caller> {
  const invalid = () => errors.unauthorized("Invalid token; it may have expired.", 'Basic error="Invalid token; it may have expired."');
  let token: string;
  try {
    token = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8").replace(/:$/, "");
  } catch {
    throw invalid();
  }
  if (!token) throw invalid();
  const p = await (await sql()).one(participants.byTokenHash, participantTokenHash(token));
  if (!p || p.expiresAt <= clock.nowSec()) throw invalid();
  return { kind: "guest", participantId: p.id, roomToken: p.roomToken, userMac: p.userMac, sessionToken: token };
}
