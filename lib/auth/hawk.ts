import Hawk from "@hapi/hawk";
import { clock } from "../clock";
import { config } from "../config";
import { hkdf, hmacHex, randomHex } from "../crypto";
import { sql, type Tx } from "../db";
import { hawkSessions } from "../db/statements";
import { errors } from "../http/errors";
import { nonceSeen } from "./nonces";
import { limits } from "../protocol";

/**
 * Hawk sessions as the original server made them (ref §1.3): a random session token, from
 * which HKDF-SHA256 (empty salt, info "identity.mozilla.com/picl/v1/sessionToken", 64 bytes)
 * derives id = hex(bytes 0..31) and key = hex(bytes 32..63); the key is used as that hex
 * string. Only HMAC(id) is stored.
 */
const HKDF_INFO = "identity.mozilla.com/picl/v1/sessionToken";

export function deriveHawkCredentials(sessionTokenHex: string) {
  const out = hkdf(Buffer.from(sessionTokenHex, "hex"), HKDF_INFO, 64);
  return { id: out.subarray(0, 32).toString("hex"), key: out.subarray(32, 64).toString("hex"), algorithm: "sha256" as const };
}

export function hawkIdHmac(id: string) {
  return hmacHex(config().secrets.hawkId, id);
}

export type HawkSessionInfo = { idHmac: string; userMac: string; userId: string | null };

/**
 * Creates a Hawk session (anonymous, or bound to a user) and returns its token, once. Pass `tx`
 * to create it inside a transaction with the rows that go with it.
 */
export async function createHawkSession(user?: { id: string; userMac: string }, label?: string, tx?: Tx) {
  const sessionToken = randomHex(32);
  const { id, key } = deriveHawkCredentials(sessionToken);
  const idHmac = hawkIdHmac(id);
  const now = clock.nowSec();
  const row = {
    idHmac,
    authKey: key,
    userMac: user?.userMac ?? idHmac,
    userId: user?.id ?? null,
    label: label ?? null,
    createdAt: now,
    lastUsedAt: now,
    expiresAt: now + limits.hawk.sessionTtlSec,
  };
  if (tx) await tx.hawkSession.create({ data: row });
  else await (await sql()).run(hawkSessions.insert, row.idHmac, row.authKey, row.userMac, row.userId, row.label, now, row.expiresAt);
  return { sessionToken, idHmac, userMac: user?.userMac ?? idHmac, userId: user?.id ?? null, label: label ?? null, createdAt: now };
}

type RequestLike = { method: string; url: string; host: string; authorization: string; contentType: string };

/**
 * Verifies a Hawk Authorization header with @hapi/hawk: MAC, ±60 s clock skew, nonce replay,
 * and the payload hash when the client sent one. Any failure is 401 / 110.
 */
export async function verifyHawk(req: RequestLike, rawBody: string): Promise<HawkSessionInfo> {
  const now = clock.nowSec();
  type Row = { idHmac: string; userMac: string; userId: string | null; expiresAt: number; lastUsedAt: number };
  const found: { row?: Row } = {};
  try {
    const { credentials, artifacts } = await Hawk.server.authenticate(
      { method: req.method, url: req.url, headers: { host: req.host, authorization: req.authorization } },
      async (id: string) => {
        const row = await (await sql()).one(hawkSessions.byIdHmac, hawkIdHmac(id));
        if (!row || row.expiresAt <= now) return undefined;
        found.row = row;
        return { id, key: row.authKey, algorithm: "sha256" };
      },
      {
        timestampSkewSec: limits.hawk.skewSec,
        localtimeOffsetMsec: clock.nowMs() - Date.now(),
        // Keyed by the session's idHmac, never by its key: the nonce store must not hold secrets.
        nonceFunc: async (_key: string, nonce: string, ts: string) => {
          if (await nonceSeen(`${found.row!.idHmac}:${nonce}:${ts}`, limits.hawk.skewSec * 2)) throw new Error("replayed nonce");
        },
      },
    );
    if (artifacts.hash) Hawk.server.authenticatePayload(rawBody, credentials, artifacts, req.contentType);
  } catch (err) {
    const boom = err as { output?: { headers?: Record<string, string> }; message?: string };
    const header = boom.output?.headers?.["WWW-Authenticate"] ?? "Hawk";
    throw errors.unauthorized("Unauthorized", header);
  }
  const session = found.row!;
  if (now - session.lastUsedAt >= limits.hawk.touchEverySec) {
    // Sliding 30-day lifetime, written at most once a minute per session. updateMany: a
    // session ended by a concurrent request is simply not touched.
    await (await sql()).run(hawkSessions.touch, session.idHmac, now, now + limits.hawk.sessionTtlSec);
  }
  return { idHmac: session.idHmac, userMac: session.userMac, userId: session.userId };
}
