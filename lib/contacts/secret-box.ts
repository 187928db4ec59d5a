import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { config } from "../config";
import { hkdf } from "../crypto";

/**
 * CardDAV passwords at rest: AES-256-GCM with a key derived (HKDF) from the server's HMAC
 * secret, a fresh 12-byte nonce per value, and the source id as associated data so a sealed
 * password cannot be moved to another source row. Stored as "v1.<nonce>.<ciphertext+tag>"
 * (base64url). Never returned by the API.
 */
const VERSION = "v1";

function key() {
  return hkdf(Buffer.from(config().secrets.hmac), "loop contact source password v1", 32);
}

export function seal(plain: string, sourceId: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), nonce);
  cipher.setAAD(Buffer.from(sourceId));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${nonce.toString("base64url")}.${body.toString("base64url")}`;
}

export function open(sealed: string, sourceId: string): string {
  const [version, nonceB64, bodyB64] = sealed.split(".");
  if (version !== VERSION || !nonceB64 || !bodyB64) throw new Error("unknown sealed value");
  const body = Buffer.from(bodyB64, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(nonceB64, "base64url"));
  decipher.setAAD(Buffer.from(sourceId));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
}
